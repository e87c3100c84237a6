package com.multistore.elt.simulator.graphql;

/** A view object that knows its GraphQL object type (for the Node interface). */
public interface Typed {
    String typeName();
}
