package com.multistore.elt.transformer.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dbt's {@code warn_if} / {@code error_if}: a comparison of a test's failing count with a number, {@code ">0"},
 * {@code ">=10"}, {@code "!=0"} (the default), {@code "=0"}, {@code "<5"}.
 */
public record Threshold(String operator, long value) {

    public static final Threshold ANY = new Threshold("!=", 0);
    private static final Pattern FORM = Pattern.compile("\\s*(>=|<=|==|!=|<>|=|>|<)\\s*(\\d+)\\s*");

    public static Threshold parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("a threshold is a comparison with a whole number, e.g. \">0\" or \">=10\": '"
                    + text + "'");
        }
        String op = switch (m.group(1)) {
            case "==" -> "=";
            case "<>" -> "!=";
            default -> m.group(1);
        };
        return new Threshold(op, Long.parseLong(m.group(2)));
    }

    /** Whether this many failures meet the condition. */
    public boolean holdsFor(long failures) {
        return switch (operator) {
            case ">" -> failures > value;
            case ">=" -> failures >= value;
            case "<" -> failures < value;
            case "<=" -> failures <= value;
            case "=" -> failures == value;
            default -> failures != value;
        };
    }

    @Override
    public String toString() {
        return operator + value;
    }
}
