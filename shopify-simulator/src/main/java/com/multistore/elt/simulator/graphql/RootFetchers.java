package com.multistore.elt.simulator.graphql;

import com.multistore.elt.simulator.model.CustomerRecord;
import com.multistore.elt.simulator.model.DeletionRecord;
import com.multistore.elt.simulator.model.Entity;
import com.multistore.elt.simulator.model.EntityTable;
import com.multistore.elt.simulator.model.InventoryItemRecord;
import com.multistore.elt.simulator.model.LocationRecord;
import com.multistore.elt.simulator.model.OrderRecord;
import com.multistore.elt.simulator.model.ProductRecord;
import com.multistore.elt.simulator.model.RefundRecord;
import com.multistore.elt.simulator.model.ShopData;
import com.multistore.elt.simulator.model.VariantRecord;
import com.multistore.elt.simulator.service.ApiVersions;
import com.multistore.elt.simulator.service.BulkOperation;
import com.multistore.elt.simulator.service.SearchQuery;
import com.multistore.elt.simulator.service.SearchQuery.Field;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Data fetchers of QueryRoot and Mutation. */
public final class RootFetchers {

    /** Starts and cancels bulk jobs (the bulk service), seen from the GraphQL layer. */
    public interface BulkControl {
        Map<String, Object> run(ShopSession session, String query, boolean groupObjects);

        Map<String, Object> cancel(ShopSession session, String id);
    }

    private final BulkControl bulk;

    public RootFetchers(BulkControl bulk) {
        this.bulk = bulk;
    }

    private static ShopSession session(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(ShopSession.KEY);
    }

    public RuntimeWiring.Builder wire(RuntimeWiring.Builder w) {
        w.type("QueryRoot", t -> t
                .dataFetcher("orders", env -> page(env, session(env).data.orders, SearchFields.ORDERS,
                        o -> new OrderView(session(env), o)))
                .dataFetcher("customers", env -> page(env, session(env).data.customers, SearchFields.CUSTOMERS,
                        c -> new CustomerView(session(env), c)))
                .dataFetcher("products", env -> page(env, session(env).data.products, SearchFields.PRODUCTS,
                        p -> new ProductView(session(env), p)))
                .dataFetcher("productVariants", env -> page(env, session(env).data.variants, SearchFields.VARIANTS,
                        v -> new VariantView(session(env), v)))
                .dataFetcher("inventoryItems", env -> page(env, session(env).data.inventoryItems,
                        SearchFields.INVENTORY_ITEMS, i -> new InventoryItemView(session(env), i)))
                .dataFetcher("deletionEvents", this::deletionEvents)
                .dataFetcher("events", this::events)
                .dataFetcher("ordersCount", env -> count(env, session(env).data.orders, SearchFields.ORDERS))
                .dataFetcher("customersCount", env -> count(env, session(env).data.customers, SearchFields.CUSTOMERS))
                .dataFetcher("productsCount", env -> count(env, session(env).data.products, SearchFields.PRODUCTS))
                .dataFetcher("productVariantsCount", env -> count(env, session(env).data.variants, SearchFields.VARIANTS))
                .dataFetcher("locations", this::locations)
                .dataFetcher("order", byId("Order"))
                .dataFetcher("customer", byId("Customer"))
                .dataFetcher("product", byId("Product"))
                .dataFetcher("productVariant", byId("ProductVariant"))
                .dataFetcher("inventoryItem", byId("InventoryItem"))
                .dataFetcher("bulkOperation", byId("BulkOperation"))
                .dataFetcher("location", env -> {
                    String id = env.getArgument("id");
                    return id == null ? new LocationView(session(env), session(env).data.locations.get(0))
                            : node(session(env), id);
                })
                .dataFetcher("node", env -> node(session(env), env.getArgument("id")))
                .dataFetcher("nodes", env -> {
                    List<String> ids = env.getArgument("ids");
                    List<Object> out = new ArrayList<>(ids.size());
                    ids.forEach(id -> out.add(node(session(env), id)));
                    return out;
                })
                .dataFetcher("shop", env -> new ShopView(session(env)))
                .dataFetcher("currentBulkOperation", env -> {
                    BulkOperation op = session(env).runtime.bulk.newest();
                    return op == null || !op.type.equals(env.getArgument("type")) ? null : new BulkOperationView(op);
                })
                .dataFetcher("bulkOperations", this::bulkOperations));
        w.type("Mutation", t -> t
                .dataFetcher("bulkOperationRunQuery", env -> bulk.run(session(env), env.getArgument("query"),
                        groupObjects(env)))
                .dataFetcher("bulkOperationCancel", env -> bulk.cancel(session(env), env.getArgument("id"))));
        return w;
    }

    /** groupObjects as sent; when omitted, true before 2026-01 and false from 2026-01 (the schema's default). */
    private static boolean groupObjects(DataFetchingEnvironment env) {
        boolean sent = env.getField().getArguments().stream().anyMatch(a -> a.getName().equals("groupObjects"));
        if (!sent) {
            return !ApiVersions.atLeast(session(env).version, "2026-01");
        }
        return Boolean.TRUE.equals(env.getArgument("groupObjects"));
    }

    private static <T extends Entity> Object page(DataFetchingEnvironment env, EntityTable<T> table,
                                                  Map<String, Field<T>> fields, Function<T, Object> view) {
        ShopSession s = session(env);
        String query = env.getArgument("query");
        SearchQuery<T> search = SearchQuery.parse(query, fields, s.data.zone, s.requestId);
        Object sortKey = env.getArgument("sortKey");
        String sort = sortKey == null ? "ID" : sortKey.toString();
        return Connections.page(env, table, sort, search, query != null && !query.isBlank(), view);
    }

    /** The deprecated deletionEvents: deleted products only (its subject types are PRODUCT and COLLECTION). */
    private Object deletionEvents(DataFetchingEnvironment env) {
        List<Object> types = env.getArgument("subjectTypes");
        ShopSession s = session(env);
        String query = env.getArgument("query");
        SearchQuery<DeletionRecord> search = SearchQuery.parse(query, SearchFields.DELETIONS, s.data.zone, s.requestId)
                .and(d -> d.subjectType.equals("PRODUCT"))
                .and(d -> types == null || types.stream().anyMatch(t -> t.toString().equals(d.subjectType)));
        Object sortKey = env.getArgument("sortKey");
        String sort = sortKey == null || sortKey.toString().equals("CREATED_AT") ? "CREATED_AT" : "ID";
        return Connections.page(env, s.data.deletions, sort, search, query != null && !query.isBlank(), d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("occurredAt", Values.time(d.createdAt));
            m.put("subjectId", Values.gid("Product", d.subjectId));
            m.put("subjectType", d.subjectType);
            return m;
        });
    }

    /** events(query: "action:destroy AND subject_type:ORDER AND created_at:>='…'", sortKey: CREATED_AT|ID). */
    private Object events(DataFetchingEnvironment env) {
        ShopSession s = session(env);
        String query = env.getArgument("query");
        SearchQuery<DeletionRecord> search = SearchQuery.parse(query, SearchFields.EVENTS, s.data.zone, s.requestId);
        Object sortKey = env.getArgument("sortKey");
        String sort = sortKey == null ? "ID" : sortKey.toString();
        return Connections.page(env, s.data.deletions, sort, search, query != null && !query.isBlank(), EventView::new);
    }

    /**
     * {@code <entity>Count(query:, limit:)}: how many objects match, as search sees them (the search lag hides the
     * newest writes); up to {@code limit} (10,000 by default; null = no limit) with precision EXACT, else the limit
     * with AT_LEAST.
     */
    private static <T extends Entity> Map<String, Object> count(DataFetchingEnvironment env, EntityTable<T> table,
                                                                 Map<String, Field<T>> fields) {
        ShopSession s = session(env);
        String query = env.getArgument("query");
        boolean searched = query != null && !query.isBlank();
        SearchQuery<T> search = SearchQuery.parse(query, fields, s.data.zone, s.requestId);
        long lagCutoff = searched ? s.searchLagCutoffMillis() : Long.MAX_VALUE;
        long n = 0;
        for (T t : table.byId().values()) {
            if (t.writtenAtMillis() <= lagCutoff && search.test(t)) {
                n++;
            }
        }
        Integer limit = env.getArgument("limit"); // the schema's default 10000 unless sent, null when sent as null
        Map<String, Object> count = new LinkedHashMap<>();
        boolean over = limit != null && n > limit;
        count.put("count", over ? limit : n);
        count.put("precision", over ? "AT_LEAST" : "EXACT");
        return count;
    }

    private Object locations(DataFetchingEnvironment env) {
        ShopSession s = session(env);
        List<LocationRecord> list = new ArrayList<>(s.data.locations);
        Object sortKey = env.getArgument("sortKey");
        if (sortKey == null || "NAME".equals(sortKey.toString())) {
            list.sort(Comparator.comparing(l -> l.name));
        }
        return Connections.list(env, list, l -> l.id, l -> new LocationView(s, l));
    }

    private Object bulkOperations(DataFetchingEnvironment env) {
        ShopSession s = session(env);
        SearchQuery<BulkOperation> search = SearchQuery.parse(env.getArgument("query"), SearchFields.BULK,
                s.data.zone, s.requestId);
        List<BulkOperation> ops = new ArrayList<>(s.runtime.bulk.all().stream().filter(search::test).toList());
        Object sortKey = env.getArgument("sortKey");
        if (sortKey != null && sortKey.toString().equals("COMPLETED_AT")) {
            ops.sort(Comparator.comparingLong(o -> o.completedAt == 0 ? Long.MAX_VALUE : o.completedAt));
        }
        return Connections.list(env, ops, o -> o.id, BulkOperationView::new);
    }

    private static DataFetcher<Object> byId(String type) {
        return env -> {
            Object n = node(session(env), env.getArgument("id"));
            return n instanceof Typed t && t.typeName().equals(type) ? n : null;
        };
    }

    /** Any object by GID, or null (Shopify answers null for an unknown id). */
    static Object node(ShopSession s, String gid) {
        String type = Values.typeOf(gid);
        long id = type == null ? -1 : Values.idOf(gid, type);
        if (id < 0) {
            return null;
        }
        ShopData d = s.data;
        switch (type) {
            case "Order" -> {
                OrderRecord o = d.orders.get(id);
                return o == null ? null : new OrderView(s, o);
            }
            case "Customer" -> {
                CustomerRecord c = d.customers.get(id);
                return c == null ? null : new CustomerView(s, c);
            }
            case "Product" -> {
                ProductRecord p = d.products.get(id);
                return p == null ? null : new ProductView(s, p);
            }
            case "ProductVariant" -> {
                VariantRecord v = d.variants.get(id);
                return v == null ? null : new VariantView(s, v);
            }
            case "InventoryItem" -> {
                InventoryItemRecord i = d.inventoryItems.get(id);
                return i == null ? null : new InventoryItemView(s, i);
            }
            case "Refund" -> {
                OrderRecord o = d.orders.get(d.base + ShopData.ORDER + d.sequenceOf(id, ShopData.REFUND));
                RefundRecord r = o == null ? null : o.refund;
                return r == null || r.id() != id ? null : new RefundView(s, new OrderView(s, o), r);
            }
            case "OrderTransaction" -> {
                long sequence = d.sequenceOf(id, ShopData.TRANSACTION);
                OrderRecord o = sequence < 0 ? null : d.orders.get(d.base + ShopData.ORDER + sequence / 4);
                return o == null ? null : TransactionView.of(s, new OrderView(s, o)).stream()
                        .filter(t -> t.rawId() == id).findFirst().orElse(null);
            }
            case "Location" -> {
                return d.locations.stream().filter(l -> l.id == id).findFirst().map(l -> new LocationView(s, l)).orElse(null);
            }
            case "BulkOperation" -> {
                BulkOperation op = s.runtime.bulk.find(id);
                return op == null ? null : new BulkOperationView(op);
            }
            default -> {
                return null;
            }
        }
    }

}
