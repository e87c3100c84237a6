package com.multistore.elt.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One Shopify node as extracted, on {@code shopify.<entity>.raw} with key {@code <store>/<gid>}.
 * {@code payload} is the node exactly as the API returned it (orders carry line items and metafields nested).
 * {@code businessDate} is the store's business date in the run that extracted it (its archive folder and the day a
 * replay finds it under); the Kafka timestamp of the record is {@code extractedAt}.
 */
public record RawRecord(
        String runId,
        String store,
        Entity entity,
        String gid,
        LocalDate businessDate,
        Instant sourceUpdatedAt,
        Instant extractedAt,
        JsonNode payload) {

    /** The Kafka key of this record. */
    public String key() {
        return key(store, gid);
    }

    public static String key(String store, String gid) {
        return store + "/" + gid;
    }
}
