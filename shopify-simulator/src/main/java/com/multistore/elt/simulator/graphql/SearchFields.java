package com.multistore.elt.simulator.graphql;

import com.multistore.elt.simulator.model.CustomerRecord;
import com.multistore.elt.simulator.model.DeletionRecord;
import com.multistore.elt.simulator.model.Entity;
import com.multistore.elt.simulator.model.InventoryItemRecord;
import com.multistore.elt.simulator.model.OrderRecord;
import com.multistore.elt.simulator.model.ProductRecord;
import com.multistore.elt.simulator.model.VariantRecord;
import com.multistore.elt.simulator.service.BulkOperation;
import com.multistore.elt.simulator.service.SearchQuery.Field;
import com.multistore.elt.simulator.service.SearchQuery.NumberField;
import com.multistore.elt.simulator.service.SearchQuery.TimeField;
import com.multistore.elt.simulator.service.SearchQuery.WordField;

import java.util.HashMap;
import java.util.Map;

/** The search fields each connection understands in its {@code query:} argument. */
final class SearchFields {
    private SearchFields() {
    }

    private static <T extends Entity> Map<String, Field<T>> common() {
        Map<String, Field<T>> m = new HashMap<>();
        m.put("updated_at", new TimeField<>(Entity::updatedAt));
        m.put("created_at", new TimeField<>(e -> e.createdAt));
        m.put("id", new NumberField<>(e -> e.id));
        return m;
    }

    static final Map<String, Field<OrderRecord>> ORDERS = orders();
    static final Map<String, Field<CustomerRecord>> CUSTOMERS = customers();
    static final Map<String, Field<ProductRecord>> PRODUCTS = products();
    static final Map<String, Field<VariantRecord>> VARIANTS = variants();
    static final Map<String, Field<InventoryItemRecord>> INVENTORY_ITEMS = inventoryItems();
    static final Map<String, Field<DeletionRecord>> DELETIONS = deletions();
    static final Map<String, Field<DeletionRecord>> EVENTS = events();
    static final Map<String, Field<BulkOperation>> BULK = bulk();

    private static Map<String, Field<OrderRecord>> orders() {
        Map<String, Field<OrderRecord>> m = common();
        m.put("processed_at", new TimeField<>(OrderRecord::processedAt));
        m.put("financial_status", new WordField<>(o -> OrderRecord.FINANCIAL[o.financialStatus]));
        m.put("fulfillment_status", new WordField<>(o -> OrderRecord.FULFILLMENT[o.fulfillmentStatus]));
        m.put("email", new WordField<>(o -> o.email == null ? null : o.email.trim()));
        m.put("name", new WordField<>(o -> "#" + o.number));
        return m;
    }

    private static Map<String, Field<CustomerRecord>> customers() {
        Map<String, Field<CustomerRecord>> m = common();
        m.put("email", new WordField<>(c -> c.email.trim()));
        m.put("state", new WordField<>(c -> CustomerRecord.STATES[c.state]));
        return m;
    }

    private static Map<String, Field<ProductRecord>> products() {
        Map<String, Field<ProductRecord>> m = common();
        m.put("status", new WordField<>(p -> ProductRecord.STATUSES[p.status]));
        m.put("vendor", new WordField<>(p -> p.vendor));
        m.put("product_type", new WordField<>(p -> p.productType));
        m.put("title", new WordField<>(p -> p.title));
        return m;
    }

    private static Map<String, Field<VariantRecord>> variants() {
        Map<String, Field<VariantRecord>> m = common();
        m.put("sku", new WordField<>(v -> v.sku));
        m.put("product_id", new NumberField<>(v -> v.productId));
        return m;
    }

    private static Map<String, Field<InventoryItemRecord>> inventoryItems() {
        Map<String, Field<InventoryItemRecord>> m = common();
        m.put("sku", new WordField<>(i -> i.variant.sku));
        return m;
    }

    private static Map<String, Field<DeletionRecord>> deletions() {
        Map<String, Field<DeletionRecord>> m = common();
        m.put("occurred_at", new TimeField<>(d -> d.createdAt));
        m.put("subject_id", new NumberField<>(d -> d.subjectId));
        return m;
    }

    /** The events connection's fields: action, subject_type, created_at, id (the simulator logs only destroys). */
    private static Map<String, Field<DeletionRecord>> events() {
        Map<String, Field<DeletionRecord>> m = new HashMap<>();
        m.put("action", new WordField<>(d -> "destroy"));
        m.put("subject_type", new WordField<>(d -> d.subjectType));
        m.put("created_at", new TimeField<>(d -> d.createdAt));
        m.put("id", new NumberField<>(d -> d.id));
        return m;
    }

    private static Map<String, Field<BulkOperation>> bulk() {
        Map<String, Field<BulkOperation>> m = new HashMap<>();
        m.put("status", new WordField<>(b -> b.status));
        m.put("operation_type", new WordField<>(b -> b.type));
        m.put("created_at", new TimeField<>(b -> b.createdAt));
        m.put("id", new NumberField<>(b -> b.id));
        return m;
    }
}
