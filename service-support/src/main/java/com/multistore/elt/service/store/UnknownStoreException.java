package com.multistore.elt.service.store;

import java.util.Collection;

/** A store code that {@code pipeline.stores.<code>.*} does not configure. */
public class UnknownStoreException extends IllegalArgumentException {

    public UnknownStoreException(String code, Collection<String> configured) {
        super("unknown store '" + code + "' (no pipeline.stores." + code + ".*); configured: " + configured);
    }
}
