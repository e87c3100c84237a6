package com.multistore.elt.simulator.graphql;

import com.multistore.elt.simulator.model.DeletionRecord;

import java.util.Map;

/** A BasicEvent of the shop's event log: here the {@code destroy} of a product, variant, order or customer. */
public final class EventView implements Typed {
    /** EventSubjectType -> the GID type of its subject. */
    static final Map<String, String> SUBJECT_GID_TYPES = Map.of("PRODUCT", "Product", "PRODUCT_VARIANT", "ProductVariant",
            "ORDER", "Order", "CUSTOMER", "Customer");
    private final DeletionRecord d;

    public EventView(DeletionRecord d) {
        this.d = d;
    }

    @Override
    public String typeName() {
        return "BasicEvent";
    }

    public String id() {
        return Values.gid("BasicEvent", d.id);
    }

    public String action() {
        return "destroy";
    }

    public String createdAt() {
        return Values.time(d.createdAt);
    }

    public String subjectId() {
        return Values.gid(SUBJECT_GID_TYPES.get(d.subjectType), d.subjectId);
    }

    public String subjectType() {
        return d.subjectType;
    }

    public String message() {
        return d.title + " was deleted.";
    }

    public String appTitle() {
        return null;
    }

    public boolean attributeToApp() {
        return false;
    }

    public boolean attributeToUser() {
        return true;
    }

    public String author() {
        return "Simulator Staff";
    }

    public boolean criticalAlert() {
        return false;
    }

    public boolean hasAdditionalContent() {
        return false;
    }
}
