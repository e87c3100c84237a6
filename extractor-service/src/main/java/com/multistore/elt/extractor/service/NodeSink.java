package com.multistore.elt.extractor.service;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where an extraction hands each complete payload node (the publisher of RawRecords). */
@FunctionalInterface
public interface NodeSink {
    void accept(ObjectNode node);
}
