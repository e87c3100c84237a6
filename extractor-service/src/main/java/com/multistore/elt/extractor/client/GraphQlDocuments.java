package com.multistore.elt.extractor.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GraphQL documents the extractor sends, read from {@code /graphql/<name>.graphql}, with every payload fragment
 * they spread ({@code ...OrderNode}) appended from the contract in {@code /shopify/<Fragment>.graphql}
 * (pipeline-events), so both API paths select exactly the RawRecord payload.
 */
public final class GraphQlDocuments {

    /** Placeholder in the bulk queries for the search filter argument. */
    public static final String FILTER = "@@FILTER@@";
    private static final Pattern SPREAD = Pattern.compile("\\.\\.\\.\\s*([A-Z]\\w*)");

    private GraphQlDocuments() {
    }

    /** The document {@code name} (e.g. "orders-page") with its fragments. */
    public static String load(String name) {
        String text = resource("/graphql/" + name + ".graphql");
        StringBuilder document = new StringBuilder(text);
        Set<String> added = new LinkedHashSet<>();
        appendFragments(text, document, added);
        return document.toString();
    }

    /** A bulk query with its filter: {@code searchQuery} null means the whole history. */
    public static String bulkQuery(String template, String searchQuery) {
        if (!template.contains(FILTER)) {
            return template;
        }
        String argument = searchQuery == null ? "" : ", query: \"" + searchQuery.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return template.replace(FILTER, argument);
    }

    private static void appendFragments(String text, StringBuilder document, Set<String> added) {
        Matcher spreads = SPREAD.matcher(text);
        while (spreads.find()) {
            String fragment = spreads.group(1);
            if (added.contains(fragment) || definesFragment(document, fragment)) {
                continue;
            }
            added.add(fragment);
            String body = resource("/shopify/" + fragment + ".graphql");
            document.append('\n').append(body);
            appendFragments(body, document, added);
        }
    }

    private static boolean definesFragment(CharSequence document, String fragment) {
        return Pattern.compile("fragment\\s+" + fragment + "\\s+on\\b").matcher(document).find();
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
