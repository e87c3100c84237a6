package com.multistore.elt.simulator.service;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Shopify's search syntax for the {@code query:} argument: {@code field:value}, comparators {@code :<, :<=, :>, :>=},
 * quoted values, AND (also implied), OR, NOT / leading '-', parentheses. Fields a connection does not know are
 * ignored with a warning (as Shopify does); an empty value is Shopify's internal error.
 */
public final class SearchQuery<T> {

    /** How a connection reads one search field of its objects: a time (epoch seconds), a number or a word. */
    public sealed interface Field<T> permits TimeField, NumberField, WordField {
    }

    public record TimeField<T>(Function<T, Long> value) implements Field<T> {
    }

    public record NumberField<T>(Function<T, Long> value) implements Field<T> {
    }

    public record WordField<T>(Function<T, String> value) implements Field<T> {
    }

    /** Bounds on one time field implied by a pure conjunction (for seeking an index); null ends are open. */
    public record Range(Long lowInclusive, Long highInclusive) {
    }

    private final Predicate<T> predicate;
    private final List<String> warnings;
    private final Map<String, Range> ranges;

    private SearchQuery(Predicate<T> predicate, List<String> warnings, Map<String, Range> ranges) {
        this.predicate = predicate;
        this.warnings = warnings;
        this.ranges = ranges;
    }

    public boolean test(T t) {
        return predicate.test(t);
    }

    /** This query and one more condition (same warnings and index ranges). */
    public SearchQuery<T> and(Predicate<T> extra) {
        return new SearchQuery<>(predicate.and(extra), warnings, ranges);
    }

    public List<String> warnings() {
        return warnings;
    }

    /** The bounds on a time field when the query is a pure AND of terms, else null. */
    public Range range(String field) {
        return ranges == null ? null : ranges.get(field);
    }

    public static <T> SearchQuery<T> parse(String text, Map<String, Field<T>> fields, ZoneId zone, String requestId) {
        if (text == null || text.isBlank()) {
            return new SearchQuery<>(t -> true, List.of(), Map.of());
        }
        Parser<T> p = new Parser<>(tokens(text), fields, zone, requestId);
        Predicate<T> predicate = p.or();
        if (p.pos < p.tokens.size()) {
            throw ShopifyError.internal(requestId);
        }
        return new SearchQuery<>(predicate, p.warnings, p.pureAnd ? p.ranges : null);
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                cur.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                cur.append(c);
            } else if (Character.isWhitespace(c) || c == '(' || c == ')') {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
                if (c != ' ' && !Character.isWhitespace(c)) {
                    out.add(String.valueOf(c));
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static final class Parser<T> {
        final List<String> tokens;
        final Map<String, Field<T>> fields;
        final ZoneId zone;
        final String requestId;
        final List<String> warnings = new ArrayList<>();
        final Map<String, Range> ranges = new java.util.HashMap<>();
        boolean pureAnd = true;
        int pos;

        Parser(List<String> tokens, Map<String, Field<T>> fields, ZoneId zone, String requestId) {
            this.tokens = tokens;
            this.fields = fields;
            this.zone = zone;
            this.requestId = requestId;
        }

        Predicate<T> or() {
            Predicate<T> left = and();
            while (pos < tokens.size() && tokens.get(pos).equals("OR")) {
                pos++;
                pureAnd = false;
                left = left.or(and());
            }
            return left;
        }

        Predicate<T> and() {
            Predicate<T> left = unary();
            while (pos < tokens.size() && !tokens.get(pos).equals("OR") && !tokens.get(pos).equals(")")) {
                if (tokens.get(pos).equals("AND")) {
                    pos++;
                }
                left = left.and(unary());
            }
            return left;
        }

        Predicate<T> unary() {
            if (pos >= tokens.size()) {
                throw ShopifyError.internal(requestId);
            }
            String t = tokens.get(pos);
            if (t.equals("NOT")) {
                pos++;
                pureAnd = false;
                return unary().negate();
            }
            if (t.equals("(")) {
                pos++;
                Predicate<T> inner = or();
                if (pos >= tokens.size() || !tokens.get(pos).equals(")")) {
                    throw ShopifyError.internal(requestId);
                }
                pos++;
                return inner;
            }
            pos++;
            if (t.startsWith("-") && t.length() > 1) {
                pureAnd = false;
                return term(t.substring(1)).negate();
            }
            return term(t);
        }

        Predicate<T> term(String t) {
            int colon = t.indexOf(':');
            if (colon <= 0) {
                warnings.add("Free-text search ('" + t + "') is not supported by this connection; term ignored.");
                return x -> true;
            }
            String name = t.substring(0, colon).toLowerCase(Locale.ROOT);
            String rest = t.substring(colon + 1);
            String op = rest.startsWith(">=") ? ">=" : rest.startsWith("<=") ? "<=" : rest.startsWith(">") ? ">"
                    : rest.startsWith("<") ? "<" : "=";
            String value = unquote(rest.substring(op.equals("=") ? 0 : op.length()));
            if (value.isEmpty()) {
                throw ShopifyError.internal(requestId);
            }
            Field<T> field = fields.get(name);
            if (field == null) {
                warnings.add("Invalid search field for this query: " + name);
                return x -> true;
            }
            if (field instanceof TimeField<T> tf) {
                return time(name, tf, op, value);
            }
            if (field instanceof NumberField<T> nf) {
                long v = number(value);
                return x -> compare(Long.compare(nf.value().apply(x), v), op);
            }
            WordField<T> wf = (WordField<T>) field;
            return x -> {
                String actual = wf.value().apply(x);
                return actual != null && compare(actual.compareToIgnoreCase(value), op);
            };
        }

        private Predicate<T> time(String name, TimeField<T> tf, String op, String value) {
            long[] span = span(value);
            long low = span[0];
            long high = span[1];
            Range r = switch (op) {
                case ">=" -> new Range(low, null);
                case ">" -> new Range(high + 1, null);
                case "<=" -> new Range(null, high);
                case "<" -> new Range(null, low - 1);
                default -> new Range(low, high);
            };
            Range old = ranges.get(name);
            ranges.put(name, old == null ? r : new Range(max(old.lowInclusive(), r.lowInclusive()),
                    min(old.highInclusive(), r.highInclusive())));
            return x -> {
                long v = tf.value().apply(x);
                return (r.lowInclusive() == null || v >= r.lowInclusive()) && (r.highInclusive() == null || v <= r.highInclusive());
            };
        }

        /** [first, last] epoch second a value stands for: one second, or a whole day in the shop's zone. */
        private long[] span(String value) {
            String v = value.replace(' ', 'T');
            try {
                long s = OffsetDateTime.parse(v).toEpochSecond();
                return new long[]{s, s};
            } catch (DateTimeParseException ignored) {
                // not an offset date-time
            }
            try {
                long s = LocalDateTime.parse(v).atZone(zone).toEpochSecond();
                return new long[]{s, s};
            } catch (DateTimeParseException ignored) {
                // not a local date-time
            }
            try {
                LocalDate d = LocalDate.parse(v);
                return new long[]{d.atStartOfDay(zone).toEpochSecond(), d.plusDays(1).atStartOfDay(zone).toEpochSecond() - 1};
            } catch (DateTimeParseException e) {
                throw ShopifyError.internal(requestId);
            }
        }

        private long number(String value) {
            String digits = value.substring(value.lastIndexOf('/') + 1);
            int q = digits.indexOf('?');
            try {
                return Long.parseLong(q < 0 ? digits : digits.substring(0, q));
            } catch (NumberFormatException e) {
                throw ShopifyError.internal(requestId);
            }
        }

        private static boolean compare(int c, String op) {
            return switch (op) {
                case ">=" -> c >= 0;
                case ">" -> c > 0;
                case "<=" -> c <= 0;
                case "<" -> c < 0;
                default -> c == 0;
            };
        }

        private static String unquote(String v) {
            if (v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"') && v.charAt(v.length() - 1) == v.charAt(0)) {
                return v.substring(1, v.length() - 1);
            }
            return v;
        }

        private static Long max(Long a, Long b) {
            return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
        }

        private static Long min(Long a, Long b) {
            return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
        }
    }
}
