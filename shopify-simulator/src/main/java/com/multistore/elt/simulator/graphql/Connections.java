package com.multistore.elt.simulator.graphql;

import com.multistore.elt.simulator.model.Entity;
import com.multistore.elt.simulator.model.EntityTable;
import com.multistore.elt.simulator.model.SortKey;
import com.multistore.elt.simulator.service.SearchQuery;
import com.multistore.elt.simulator.service.ShopifyError;
import graphql.schema.DataFetchingEnvironment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Relay connections as Shopify serves them: opaque cursors ({@code {"last_id":..,"last_value":..}} in base64),
 * {@code first/after}, {@code last/before}, {@code reverse}, at most 250 per page, {@code edges}, {@code nodes},
 * {@code pageInfo}. In bulk mode nested connections return every child and the root returns one chunk.
 */
public final class Connections {
    public static final int MAX_PAGE = 250;
    private static final Set<String> ID_ORDERS = Set.of("ID", "CREATED_AT", "PROCESSED_AT");
    private static final Pattern LAST_ID = Pattern.compile("\"last_id\":(\\d+)");
    private static final Pattern LAST_VALUE = Pattern.compile("\"last_value\":\"?(-?\\d+)");

    private Connections() {
    }

    /** A root connection over a shop's table, filtered by a search query and ordered by a sort key. */
    public static <T extends Entity> Map<String, Object> page(DataFetchingEnvironment env, EntityTable<T> table,
                                                               String sortKey, SearchQuery<T> search,
                                                               boolean searched, Function<T, Object> view) {
        ShopSession session = env.getGraphQlContext().get(ShopSession.KEY);
        boolean byUpdated = "UPDATED_AT".equals(sortKey);
        if (!byUpdated && !ID_ORDERS.contains(sortKey)) {
            throw new ShopifyError("Sort key " + sortKey + " is not supported by the simulator (supported: ID, CREATED_AT, "
                    + "PROCESSED_AT, UPDATED_AT).", Map.of("code", "BAD_REQUEST"));
        }
        boolean bulkRoot = session.bulk && env.getExecutionStepInfo().getPath().getLevel() == 1;
        Integer first = env.getArgument("first");
        Integer last = env.getArgument("last");
        String after = env.getArgument("after");
        String before = env.getArgument("before");
        boolean reverse = Boolean.TRUE.equals(env.getArgument("reverse"));
        boolean backward;
        int limit;
        String cursor;
        if (bulkRoot) {
            backward = false;
            limit = session.bulkChunk;
            cursor = session.bulkAfter;
        } else {
            checkPageArguments(first, last);
            backward = first == null;
            limit = backward ? last : first;
            cursor = backward ? before : after;
        }
        boolean descending = reverse ^ backward;
        SortKey from = cursor == null ? null : decode(cursor);
        SearchQuery.Range range = byUpdated ? search.range("updated_at") : null;
        Iterator<T> it = iterate(table, byUpdated, descending, from, range);
        long lagCutoff = searched ? session.searchLagCutoffMillis() : Long.MAX_VALUE;
        List<T> items = new ArrayList<>(Math.min(limit, MAX_PAGE) + 1);
        boolean more = false;
        while (it.hasNext()) {
            T t = it.next();
            if (range != null) {
                long v = t.updatedAt();
                if (!descending && range.highInclusive() != null && v > range.highInclusive()
                        || descending && range.lowInclusive() != null && v < range.lowInclusive()) {
                    break;
                }
            }
            if (t.writtenAtMillis() > lagCutoff || !search.test(t)) {
                continue;
            }
            if (items.size() == limit) {
                more = true;
                break;
            }
            items.add(t);
        }
        if (backward) {
            Collections.reverse(items);
        }
        Function<T, String> cursorOf = t -> encode(t.id, sortValue(t, sortKey));
        if (bulkRoot) {
            session.bulkNextCursor = more && !items.isEmpty() ? cursorOf.apply(items.get(items.size() - 1)) : null;
            session.bulkRootCount = items.size();
        }
        boolean hasNext = backward ? cursor != null : more;
        boolean hasPrevious = backward ? more : cursor != null;
        return connection(items, view, cursorOf, hasNext, hasPrevious);
    }

    /** A nested connection over a small list (line items, metafields, variants, levels), cursors by position. */
    public static <T> Map<String, Object> list(DataFetchingEnvironment env, List<T> all, Function<T, Long> idOf,
                                               Function<T, Object> view) {
        ShopSession session = env.getGraphQlContext().get(ShopSession.KEY);
        if (session.bulk) {
            return connection(all, view, t -> encode(idOf.apply(t), 0), false, false);
        }
        Integer first = env.getArgument("first");
        Integer last = env.getArgument("last");
        checkPageArguments(first, last);
        List<T> ordered = new ArrayList<>(all);
        if (Boolean.TRUE.equals(env.getArgument("reverse"))) {
            Collections.reverse(ordered);
        }
        boolean backward = first == null;
        String cursor = env.getArgument(backward ? "before" : "after");
        int startAt = 0;
        int endAt = ordered.size();
        if (cursor != null) {
            long id = decode(cursor).id();
            int at = -1;
            for (int i = 0; i < ordered.size() && at < 0; i++) {
                if (idOf.apply(ordered.get(i)) == id) {
                    at = i;
                }
            }
            if (backward) {
                endAt = at < 0 ? 0 : at;
            } else {
                startAt = at < 0 ? ordered.size() : at + 1;
            }
        }
        int from = backward ? Math.max(startAt, endAt - last) : startAt;
        int to = backward ? endAt : Math.min(endAt, startAt + first);
        List<T> page = ordered.subList(Math.min(from, to), to);
        return connection(page, view, t -> encode(idOf.apply(t), 0), to < ordered.size(), from > 0);
    }

    private static void checkPageArguments(Integer first, Integer last) {
        if (first == null && last == null) {
            throw new ShopifyError("you must provide one of first or last");
        }
        if (first != null && last != null) {
            throw new ShopifyError("Passing both `first` and `last` to paginate a connection is not supported.");
        }
        int n = first != null ? first : last;
        if (n < 0) {
            throw new ShopifyError("Argument '" + (first != null ? "first" : "last") + "' on Field must be a non-negative integer.");
        }
        if (n > MAX_PAGE) {
            throw new ShopifyError("The maximum page size of a connection is " + MAX_PAGE + "; requested "
                    + (first != null ? "first" : "last") + ": " + n + ". Use bulk operations for more.",
                    Map.of("code", "MAX_PAGE_SIZE_EXCEEDED"));
        }
    }

    private static <T> Map<String, Object> connection(List<T> items, Function<T, Object> view,
                                                      Function<T, String> cursorOf, boolean hasNext, boolean hasPrevious) {
        List<Object> nodes = new ArrayList<>(items.size());
        List<Object> edges = new ArrayList<>(items.size());
        for (T t : items) {
            Object node = view.apply(t);
            nodes.add(node);
            Map<String, Object> edge = new LinkedHashMap<>(4);
            edge.put("cursor", cursorOf.apply(t));
            edge.put("node", node);
            edges.add(edge);
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", hasNext);
        pageInfo.put("hasPreviousPage", hasPrevious);
        pageInfo.put("startCursor", items.isEmpty() ? null : cursorOf.apply(items.get(0)));
        pageInfo.put("endCursor", items.isEmpty() ? null : cursorOf.apply(items.get(items.size() - 1)));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("edges", edges);
        c.put("nodes", nodes);
        c.put("pageInfo", pageInfo);
        return c;
    }

    private static <T extends Entity> Iterator<T> iterate(EntityTable<T> table, boolean byUpdated, boolean descending,
                                                          SortKey from, SearchQuery.Range range) {
        if (!byUpdated) {
            NavigableMap<Long, T> m = descending ? table.byId().descendingMap() : table.byId();
            if (from != null) {
                m = m.tailMap(from.id(), false);
            }
            return m.values().iterator();
        }
        NavigableSet<SortKey> keys = table.byUpdated();
        if (descending) {
            keys = keys.descendingSet();
        }
        SortKey seek = null;
        if (range != null && !descending && range.lowInclusive() != null) {
            seek = new SortKey(range.lowInclusive(), Long.MIN_VALUE);
        } else if (range != null && descending && range.highInclusive() != null) {
            seek = new SortKey(range.highInclusive(), Long.MAX_VALUE);
        }
        if (from != null && (seek == null || (descending ? from.compareTo(seek) < 0 : from.compareTo(seek) > 0))) {
            keys = keys.tailSet(from, false);
        } else if (seek != null) {
            keys = keys.tailSet(seek, true);
        }
        Iterator<SortKey> inner = keys.iterator();
        return new Iterator<>() {
            T next = advance();

            private T advance() {
                while (inner.hasNext()) {
                    SortKey k = inner.next();
                    T t = table.get(k.id());
                    if (t != null && t.updatedAt() == k.value()) {
                        return t;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public T next() {
                T t = next;
                next = advance();
                return t;
            }
        };
    }

    private static long sortValue(Entity e, String sortKey) {
        return switch (sortKey) {
            case "UPDATED_AT" -> e.updatedAt();
            case "CREATED_AT" -> e.createdAt;
            case "PROCESSED_AT" -> e.createdAt - 1;
            default -> e.id;
        };
    }

    public static String encode(long lastId, long lastValue) {
        String json = "{\"last_id\":" + lastId + ",\"last_value\":\"" + lastValue + "\"}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    public static SortKey decode(String cursor) {
        try {
            String json = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            Matcher id = LAST_ID.matcher(json);
            Matcher value = LAST_VALUE.matcher(json);
            if (id.find() && value.find()) {
                return new SortKey(Long.parseLong(value.group(1)), Long.parseLong(id.group(1)));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new ShopifyError("Invalid cursor for current pagination sort.", Map.of("code", "BAD_REQUEST"));
    }
}
