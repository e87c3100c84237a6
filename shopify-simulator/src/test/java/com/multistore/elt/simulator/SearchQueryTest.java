package com.multistore.elt.simulator;

import com.multistore.elt.simulator.service.SearchQuery;
import com.multistore.elt.simulator.service.SearchQuery.Field;
import com.multistore.elt.simulator.service.ShopifyError;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Shopify's search grammar on plain records: comparators, quoting, AND/OR/NOT, parentheses, day values. */
class SearchQueryTest {
    record Row(long id, long updatedAt, String status) {
    }

    private static final Map<String, Field<Row>> FIELDS = Map.of(
            "id", new SearchQuery.NumberField<>(Row::id),
            "updated_at", new SearchQuery.TimeField<>(Row::updatedAt),
            "status", new SearchQuery.WordField<>(Row::status));
    private static final List<Row> ROWS = List.of(
            new Row(1, Instant.parse("2026-01-19T23:59:59Z").getEpochSecond(), "PAID"),
            new Row(2, Instant.parse("2026-01-20T00:00:00Z").getEpochSecond(), "PENDING"),
            new Row(3, Instant.parse("2026-01-20T12:00:00Z").getEpochSecond(), "PAID"),
            new Row(4, Instant.parse("2026-01-21T00:00:00Z").getEpochSecond(), "REFUNDED"));

    private static List<Long> ids(String query) {
        SearchQuery<Row> q = SearchQuery.parse(query, FIELDS, ZoneId.of("UTC"), "req");
        return ROWS.stream().filter(q::test).map(Row::id).toList();
    }

    @Test
    void comparatorsAndQuotedTimes() {
        assertEquals(List.of(2L, 3L, 4L), ids("updated_at:>='2026-01-20T00:00:00+00:00'"));
        assertEquals(List.of(3L, 4L), ids("updated_at:>\"2026-01-20T00:00:00Z\""));
        assertEquals(List.of(1L, 2L), ids("updated_at:<='2026-01-20T00:00:00Z'"));
        assertEquals(List.of(1L), ids("updated_at:<'2026-01-20T00:00:00.000Z'"));
        assertEquals(List.of(2L, 3L), ids("updated_at:>='2026-01-20T00:00:00Z' AND updated_at:<'2026-01-21T00:00:00Z'"));
        assertEquals(List.of(2L, 3L), ids("updated_at:2026-01-20"), "a day value means the whole day");
    }

    @Test
    void booleanOperatorsAndParentheses() {
        assertEquals(List.of(1L, 4L), ids("id:1 OR id:4"));
        assertEquals(List.of(3L), ids("status:paid id:>1"), "implicit AND, case-insensitive words");
        assertEquals(List.of(1L, 3L, 4L), ids("(status:paid OR status:refunded) AND NOT id:5"));
        assertEquals(List.of(2L, 4L), ids("-status:paid"));
        assertEquals(List.of(3L), ids("id:gid://shopify/Order/3"));
    }

    @Test
    void unknownFieldsAreIgnoredWithAWarningAndEmptyValuesFail() {
        SearchQuery<Row> q = SearchQuery.parse("vendor:acme id:2", FIELDS, ZoneId.of("UTC"), "req");
        assertEquals(List.of(2L), ROWS.stream().filter(q::test).map(Row::id).toList());
        assertEquals(1, q.warnings().size());
        ShopifyError e = assertThrows(ShopifyError.class, () -> SearchQuery.parse("updated_at:>", FIELDS, ZoneId.of("UTC"), "req-7"));
        assertEquals("INTERNAL_SERVER_ERROR", e.extensions().get("code"));
        assertEquals("req-7", e.extensions().get("requestId"));
    }
}
