package com.multistore.elt.simulator.graphql;

import com.multistore.elt.simulator.service.BulkRunner;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the GraphQL engine once (schema parse and wiring) with the bulk service behind its mutations. */
public class EngineProducer {

    @Produces
    @Singleton
    GraphqlEngine engine(BulkRunner bulk) {
        return new GraphqlEngine(bulk);
    }
}
