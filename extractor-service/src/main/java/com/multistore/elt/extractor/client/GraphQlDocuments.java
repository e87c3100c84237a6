package com.multistore.elt.extractor.client;

import com.multistore.elt.events.PayloadSelections;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The GraphQL documents the extractor sends, read from {@code /graphql/<name>.graphql}, with every payload fragment
 * they spread ({@code ...OrderNode}) appended from the contract in {@code /shopify/<Fragment>.graphql}
 * (pipeline-events, {@link PayloadSelections}), so both API paths select exactly the RawRecord payload.
 */
public final class GraphQlDocuments {

    /** Placeholder in the bulk queries for the search filter argument. */
    public static final String FILTER = "@@FILTER@@";

    private GraphQlDocuments() {
    }

    /** The document {@code name} (e.g. "orders-page") with its fragments. */
    public static String load(String name) {
        return PayloadSelections.withFragments(resource("/graphql/" + name + ".graphql"));
    }

    /** A bulk query with its filter: {@code searchQuery} null means the whole history. */
    public static String bulkQuery(String template, String searchQuery) {
        if (!template.contains(FILTER)) {
            return template;
        }
        String argument = searchQuery == null ? "" : ", query: \"" + searchQuery.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return template.replace(FILTER, argument);
    }

    private static String resource(String path) {
        try (InputStream in = GraphQlDocuments.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no GraphQL resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
