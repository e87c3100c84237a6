package com.multistore.elt.loader.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The audit copy of every staged batch: gzip JSONL objects under keys
 * {@code store=<s>/entity=<e>/date=<yyyy-MM-dd>/run=<id>-<n>.jsonl.gz}, on a directory or in S3.
 */
public interface RawArchive {

    /** Writes (or replaces) one object; returns its URI. */
    String write(String key, byte[] gzipJsonLines) throws IOException;

    /** The keys under a prefix ending in '/', sorted. */
    List<String> list(String prefix) throws IOException;

    /** The stores that have anything archived. */
    List<String> stores() throws IOException;

    InputStream open(String key) throws IOException;

    /** The URI a key has (or would have). */
    String uri(String key);

    /** Throws when the archive cannot be written now (readiness). */
    void checkWritable() throws IOException;
}
