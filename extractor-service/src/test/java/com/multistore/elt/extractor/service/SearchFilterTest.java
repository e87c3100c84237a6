package com.multistore.elt.extractor.service;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The updated_at search filter: quoted ISO dates, half-open window, null (never an empty filter) when unbounded. */
class SearchFilterTest {

    @Test
    void bothBounds() {
        assertEquals("updated_at:>='2026-11-21T11:25:00Z' AND updated_at:<'2026-11-22T00:00:00Z'",
                SearchFilter.updatedAt(Instant.parse("2026-11-21T11:25:00.123Z"), Instant.parse("2026-11-22T00:00:00Z")));
    }

    @Test
    void fromOnlyAndNone() {
        assertEquals("updated_at:>='2026-11-21T11:25:00Z'", SearchFilter.updatedAt(Instant.parse("2026-11-21T11:25:00Z"), null));
        assertNull(SearchFilter.updatedAt(null, null));
    }

    @Test
    void deletionsAreDestroyEventsOfTheFourSubjectsCreatedInTheWindow() {
        assertEquals("action:destroy AND (subject_type:PRODUCT OR subject_type:PRODUCT_VARIANT OR subject_type:ORDER"
                        + " OR subject_type:CUSTOMER) AND created_at:>='2026-11-21T11:25:00Z'",
                SearchFilter.deletions(Instant.parse("2026-11-21T11:25:00.5Z"), null));
        assertEquals("action:destroy AND " + SearchFilter.DELETED_SUBJECTS, SearchFilter.deletions(null, null),
                "a first run reads every event Shopify still keeps");
    }

    @Test
    void aPageTooExpensiveShrinksInProportion() {
        assertEquals(124, PagedExtraction.smaller(250, 2003, 1000));
        assertEquals(249, PagedExtraction.smaller(250, 1001, 1000));
        assertEquals(1, PagedExtraction.smaller(2, 5000, 1000));
        assertEquals(1, PagedExtraction.smaller(1, 5000, 1000));
    }
}
