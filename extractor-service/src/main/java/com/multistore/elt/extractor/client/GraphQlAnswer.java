package com.multistore.elt.extractor.client;

import com.fasterxml.jackson.databind.JsonNode;

/** A successful GraphQL answer: its {@code data} and what it cost. */
public record GraphQlAnswer(JsonNode data, QueryCost cost) {
}
