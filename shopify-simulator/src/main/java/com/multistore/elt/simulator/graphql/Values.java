package com.multistore.elt.simulator.graphql;

import java.math.BigDecimal;
import java.time.Instant;

/** How Shopify writes ids, times and amounts. */
public final class Values {
    private Values() {
    }

    public static String gid(String type, long id) {
        return "gid://shopify/" + type + "/" + id;
    }

    /** The number of a GID ({@code gid://shopify/Order/12} or {@code .../12?x=y}), or -1. */
    public static long idOf(String gid, String type) {
        String prefix = "gid://shopify/" + type + "/";
        if (gid == null || !gid.startsWith(prefix)) {
            return -1;
        }
        String rest = gid.substring(prefix.length());
        int q = rest.indexOf('?');
        try {
            return Long.parseLong(q < 0 ? rest : rest.substring(0, q));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static String typeOf(String gid) {
        if (gid == null || !gid.startsWith("gid://shopify/")) {
            return null;
        }
        String rest = gid.substring("gid://shopify/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? null : rest.substring(0, slash);
    }

    /** ISO-8601 UTC with seconds, e.g. 2026-11-20T09:14:02Z. */
    public static String time(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }

    public static String timeOrNull(long epochSecond) {
        return epochSecond == 0 ? null : time(epochSecond);
    }

    /** A Decimal as Shopify writes it: 45.0, 41.4, 12.35. */
    public static String amount(long cents) {
        BigDecimal d = BigDecimal.valueOf(cents, 2).stripTrailingZeros();
        if (d.scale() < 1) {
            d = d.setScale(1);
        }
        return d.toPlainString();
    }

    public record MoneyV2(String amount, String currencyCode) {
    }

    public record MoneyBag(MoneyV2 shopMoney, MoneyV2 presentmentMoney) {
    }

    public static MoneyBag bag(long cents, String shopCurrency, String presentmentCurrency, long ratePpm) {
        long presentment = Math.round(cents * (ratePpm / 1_000_000.0));
        return new MoneyBag(new MoneyV2(amount(cents), shopCurrency), new MoneyV2(amount(presentment), presentmentCurrency));
    }
}
