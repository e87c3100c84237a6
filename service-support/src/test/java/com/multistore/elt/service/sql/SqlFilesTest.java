package com.multistore.elt.service.sql;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlFilesTest {

    @Test
    void readsAFileOnceWithOrWithoutLeadingSlash() {
        String text = SqlFiles.text("sql/probe.sql");
        assertEquals("select 1 as probe;\n", text);
        assertSame(text, SqlFiles.text("/sql/probe.sql"));
    }

    @Test
    void aMissingFileNamesItsPath() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SqlFiles.text("sql/nope.sql"));
        assertTrue(e.getMessage().contains("sql/nope.sql"), e.getMessage());
    }
}
