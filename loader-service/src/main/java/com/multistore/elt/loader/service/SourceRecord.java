package com.multistore.elt.loader.service;

/** One record as read from a raw topic (live consumer or replay) or from an archive line: bytes and where from. */
public record SourceRecord(String topic, int partition, long offset, long timestamp, String key, byte[] value) {
}
