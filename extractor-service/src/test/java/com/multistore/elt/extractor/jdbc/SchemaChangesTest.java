package com.multistore.elt.extractor.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Types;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A source table's new, missing and retyped columns between two runs. */
class SchemaChangesTest {

    private static final SourceColumn ID = new SourceColumn("order_id", Types.VARCHAR, "text", 0, 0, false);
    private static final SourceColumn PRICE = new SourceColumn("price", Types.NUMERIC, "numeric", 10, 2, true);
    private static final SourceColumn WIDER = new SourceColumn("price", Types.NUMERIC, "numeric", 12, 2, true);
    private static final SourceColumn NOTE = new SourceColumn("note", Types.VARCHAR, "text", 0, 0, true);

    @Test
    void namesWhatChanged() {
        SchemaChanges changes = SchemaChanges.between(List.of(ID, PRICE, NOTE), List.of(ID, WIDER,
                new SourceColumn("channel", Types.VARCHAR, "text", 0, 0, true)));
        assertEquals(List.of("channel text null"), changes.added());
        assertEquals(List.of("note text null"), changes.missing());
        assertEquals(List.of("price numeric(10,2) null -> price numeric(12,2) null"), changes.retyped());
        assertEquals("added [channel text null]; missing [note text null]; retyped [price numeric(10,2) null -> price"
                + " numeric(12,2) null]", changes.describe());
    }

    @Test
    void aFirstReadOrTheSameColumnsAreNoChange() {
        assertTrue(SchemaChanges.between(null, List.of(ID)).none());
        assertTrue(SchemaChanges.between(List.of(ID, PRICE), List.of(PRICE, ID)).none(), "order does not matter");
    }
}
