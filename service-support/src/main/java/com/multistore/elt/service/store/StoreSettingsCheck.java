package com.multistore.elt.service.store;

import java.util.ArrayList;
import java.util.List;

/**
 * What the mapping's types cannot say about the stores: a currency that is not an ISO 4217 code, a store without an
 * address. Each problem names its key; the services refuse to start with any (see {@link StoresReadinessCheck}).
 */
public final class StoreSettingsCheck {

    private StoreSettingsCheck() {
    }

    /** The problems of the configured stores; {@code needsAddress}: the service calls the stores (the extractor). */
    public static List<String> problems(StoresConfig stores, boolean needsAddress) {
        List<String> problems = new ArrayList<>();
        stores.all().forEach((code, store) -> {
            String key = "pipeline.stores." + code + ".";
            store.currency().filter(c -> !c.matches("[A-Z]{3}"))
                    .ifPresent(c -> problems.add(key + "currency is not an ISO 4217 code: '" + c + "'"));
            if (needsAddress && store.enabled() && store.baseUrl().isEmpty() && store.shopDomain().isEmpty()) {
                problems.add(key + "base-url or " + key + "shop-domain is required");
            }
            if (needsAddress && store.enabled() && store.accessToken().isEmpty() && store.accessTokenSecret().isEmpty()) {
                problems.add(key + "access-token or " + key + "access-token-secret is required");
            }
        });
        return problems;
    }
}
