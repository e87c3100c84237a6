package com.multistore.elt.simulator.graphql;

import com.multistore.elt.simulator.model.CustomerRecord;
import graphql.schema.DataFetchingEnvironment;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A customer: defaultEmailAddress.emailAddress and the deprecated email carry the shop's own spelling. */
public final class CustomerView implements Typed {
    private final ShopSession s;
    private final CustomerRecord c;

    public CustomerView(ShopSession s, CustomerRecord c) {
        this.s = s;
        this.c = c;
    }

    @Override
    public String typeName() {
        return "Customer";
    }

    public String id() {
        return Values.gid("Customer", c.id);
    }

    public String legacyResourceId() {
        return String.valueOf(c.id);
    }

    public String firstName() {
        return c.firstName;
    }

    public String lastName() {
        return c.lastName;
    }

    public String displayName() {
        return c.firstName + " " + c.lastName;
    }

    public String email() {
        return c.email;
    }

    public Map<String, Object> defaultEmailAddress() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("emailAddress", c.email);
        m.put("marketingState", c.tags == 1 ? "SUBSCRIBED" : "NOT_SUBSCRIBED");
        m.put("marketingOptInLevel", c.tags == 1 ? "SINGLE_OPT_IN" : null);
        m.put("validFormat", true);
        m.put("openTrackingLevel", "UNKNOWN");
        m.put("marketingUnsubscribeUrl", "https://" + s.data.code + ".myshopify.com/unsubscribe?c=" + c.id);
        m.put("openTrackingUrl", "https://" + s.data.code + ".myshopify.com/tracking?c=" + c.id);
        return m;
    }

    public String state() {
        return CustomerRecord.STATES[c.state];
    }

    public List<String> tags() {
        return Arrays.asList(CustomerRecord.TAG_SETS[c.tags]);
    }

    public String numberOfOrders() {
        return String.valueOf(c.numberOfOrders);
    }

    public Values.MoneyV2 amountSpent() {
        return new Values.MoneyV2(Values.amount(c.amountSpentCents), s.currency());
    }

    public boolean verifiedEmail() {
        return c.verifiedEmail;
    }

    public boolean validEmailAddress() {
        return true;
    }

    public boolean canDelete() {
        return c.numberOfOrders == 0;
    }

    public String locale() {
        return "en";
    }

    public String lifetimeDuration() {
        long days = Math.max(0, (s.clock.instant().getEpochSecond() - c.createdAt) / 86_400);
        return days < 31 ? days + " days" : days < 365 ? (days / 30) + " months" : "about " + (days / 365) + " years";
    }

    public String createdAt() {
        return Values.time(c.createdAt);
    }

    public String updatedAt() {
        return Values.time(c.updatedAt());
    }

    public Object getMetafields(DataFetchingEnvironment env) {
        return MetafieldView.connection(env, List.of());
    }

    public MetafieldView getMetafield(DataFetchingEnvironment env) {
        return null;
    }
}
