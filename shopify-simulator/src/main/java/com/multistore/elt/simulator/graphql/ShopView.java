package com.multistore.elt.simulator.graphql;

import com.multistore.elt.simulator.model.ShopData;

import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/** The shop itself: currency and IANA time zone come from configuration. */
public final class ShopView implements Typed {
    private final ShopSession s;

    public ShopView(ShopSession s) {
        this.s = s;
    }

    @Override
    public String typeName() {
        return "Shop";
    }

    private ShopData d() {
        return s.data;
    }

    public String id() {
        return Values.gid("Shop", d().base / 1_000_000_000L);
    }

    public String name() {
        return Character.toUpperCase(d().code.charAt(0)) + d().code.substring(1) + " (simulated)";
    }

    public String myshopifyDomain() {
        return d().code + ".myshopify.com";
    }

    public String url() {
        return "https://" + d().code + ".example.com";
    }

    public String email() {
        return "owner@" + d().code + ".example.com";
    }

    public String contactEmail() {
        return "hello@" + d().code + ".example.com";
    }

    public String shopOwnerName() {
        return "Simulated Owner";
    }

    public String currencyCode() {
        return d().currency;
    }

    public List<String> enabledPresentmentCurrencies() {
        return d().currency.equals("USD") ? List.of("USD", "EUR", "CAD", "GBP") : List.of(d().currency, "USD");
    }

    public String ianaTimezone() {
        return d().zone.getId();
    }

    private ZoneOffset offset() {
        return d().zone.getRules().getOffset(s.clock.instant());
    }

    public String timezoneAbbreviation() {
        return d().zone.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    public String timezoneOffset() {
        return offset().getId().equals("Z") ? "+0000" : offset().getId().replace(":", "");
    }

    public int timezoneOffsetMinutes() {
        return offset().getTotalSeconds() / 60;
    }

    public String createdAt() {
        return Values.time(d().shopCreatedAt);
    }

    public String updatedAt() {
        return Values.time(d().shopCreatedAt);
    }

    public String orderNumberFormatPrefix() {
        return "#";
    }

    public String weightUnit() {
        return "KILOGRAMS";
    }

    public String unitSystem() {
        return "METRIC_SYSTEM";
    }

    public String customerAccounts() {
        return "OPTIONAL";
    }

    public boolean checkoutApiSupported() {
        return true;
    }

    public List<String> shipsToCountries() {
        return List.of("US", "CA", "GB", "DE", "IN");
    }
}
