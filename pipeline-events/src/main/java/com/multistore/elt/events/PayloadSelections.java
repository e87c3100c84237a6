package com.multistore.elt.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The selections that define each RawRecord payload, one GraphQL fragment per file in {@code /shopify/<Name>.graphql}
 * ({@code OrderNode}, {@code OrderLineItem}, {@code MoneyBagFields}, ...). A document that spreads a fragment gets it
 * appended with every fragment that one spreads in turn, each once.
 */
public final class PayloadSelections {

    private static final Pattern SPREAD = Pattern.compile("\\.\\.\\.\\s*([A-Z]\\w*)");

    private PayloadSelections() {
    }

    /** {@code document} followed by the definitions of the fragments it spreads that it does not define itself. */
    public static String withFragments(String document) {
        StringBuilder out = new StringBuilder(document);
        appendFragments(document, out, new LinkedHashSet<>());
        return out.toString();
    }

    /** The fragment {@code name} with the fragments it spreads. */
    public static String fragment(String name) {
        return withFragments(resource(name));
    }

    private static void appendFragments(String text, StringBuilder document, Set<String> added) {
        Matcher spreads = SPREAD.matcher(text);
        while (spreads.find()) {
            String fragment = spreads.group(1);
            if (added.contains(fragment) || definesFragment(document, fragment)) {
                continue;
            }
            added.add(fragment);
            String body = resource(fragment);
            document.append('\n').append(body);
            appendFragments(body, document, added);
        }
    }

    private static boolean definesFragment(CharSequence document, String fragment) {
        return Pattern.compile("fragment\\s+" + fragment + "\\s+on\\b").matcher(document).find();
    }

    private static String resource(String fragment) {
        String path = "/shopify/" + fragment + ".graphql";
        try (InputStream in = PayloadSelections.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no payload fragment " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
