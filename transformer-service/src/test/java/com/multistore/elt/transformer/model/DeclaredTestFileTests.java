package com.multistore.elt.transformer.model;

import com.multistore.elt.transformer.model.DeclaredTest.Kind;
import com.multistore.elt.transformer.model.DeclaredTest.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tests.yml format: dbt's shapes, names, severities and thresholds, and refusals that name the file. */
class DeclaredTestFileTests {

    private static final ModelDataset.Layer LAYER = new ModelDataset.Layer("marts", "shop");

    @Test
    void readsModelAndColumnTestsWithTheirOptions() {
        List<DeclaredTest> tests = DeclaredTestFile.parse("shop", LAYER, "tests.yml", """
                models:
                  - name: order_items
                    key: [order_id, item_no]
                    tests:
                      - unique: {columns: [order_id, item_no]}
                      - relationships:
                          columns: [order_id]
                          to: other.orders
                          fields: [id]
                          config: {severity: warn, warn_if: ">10"}
                    columns:
                      - name: price
                        tests:
                          - not_null
                          - accepted_values: {values: [1, "2"], where: "price < 100", error_if: ">=3"}
                """);
        assertEquals(4, tests.size());
        DeclaredTest unique = tests.get(0);
        assertEquals("unique_order_items_order_id__item_no", unique.name());
        assertEquals("shop.order_items", unique.model(), "a bare table is the layer's schema");
        assertEquals(List.of("order_id", "item_no"), unique.columns());
        assertEquals(Severity.ERROR, unique.severity());
        DeclaredTest relationship = tests.get(1);
        assertEquals("relationships_order_items_order_id_to_orders", relationship.name());
        assertEquals("other.orders", relationship.to());
        assertEquals(Severity.WARN, relationship.severity());
        assertEquals(">10", relationship.warnIf().toString());
        DeclaredTest notNull = tests.get(2);
        assertEquals(Kind.NOT_NULL, notNull.kind());
        assertEquals("not_null_order_items_price", notNull.name());
        DeclaredTest accepted = tests.get(3);
        assertEquals(List.of("1", "2"), accepted.values());
        assertEquals("price < 100", accepted.where());
        assertEquals(">=3", accepted.errorIf().toString());
        assertEquals("shop.not_null_order_items_price", notNull.checkName());
    }

    @Test
    void decidesAsDbtDoes() {
        DeclaredTest test = DeclaredTestFile.parse("shop", LAYER, "tests.yml", """
                models:
                  - name: t
                    columns:
                      - name: c
                        tests:
                          - not_null: {warn_if: ">0", error_if: ">10"}
                """).get(0);
        assertEquals("PASSED", test.status(0));
        assertEquals("WARNED", test.status(5));
        assertEquals("WARNED", test.status(10));
        assertEquals("FAILED", test.status(11));
        DeclaredTest warnOnly = test.with(Severity.WARN, test.warnIf(), test.errorIf());
        assertEquals("WARNED", warnOnly.status(11), "a warn-severity test never fails the run");
        DeclaredTest byDefault = test.with(Severity.ERROR, Threshold.ANY, Threshold.ANY);
        assertEquals("FAILED", byDefault.status(1));
        assertEquals("PASSED", byDefault.status(0));
        assertTrue(Threshold.parse("= 0").holdsFor(0));
        assertTrue(Threshold.parse("<>0").holdsFor(2));
    }

    @Test
    void refusesWhatWouldSilentlyTestNothingOrInjectSql() {
        String unknownTest = assertThrows(IllegalStateException.class, () -> DeclaredTestFile.parse("shop", LAYER,
                "sql/models/shop/marts/tests.yml", "models:\n  - name: t\n    columns:\n      - name: c\n        tests: [uniq]\n"))
                .getMessage();
        assertTrue(unknownTest.contains("sql/models/shop/marts/tests.yml") && unknownTest.contains("uniq"), unknownTest);
        String option = assertThrows(IllegalStateException.class, () -> DeclaredTestFile.parse("shop", LAYER, "f.yml",
                "models:\n  - name: t\n    columns:\n      - name: c\n        tests:\n          - not_null: {severty: warn}\n"))
                .getMessage();
        assertTrue(option.contains("severty"), option);
        String injected = assertThrows(IllegalStateException.class, () -> DeclaredTestFile.parse("shop", LAYER, "f.yml",
                "models:\n  - name: \"t; drop table x\"\n    tests: []\n")).getMessage();
        assertTrue(injected.contains("not a table name"), injected);
        String fields = assertThrows(IllegalStateException.class, () -> DeclaredTestFile.parse("shop", LAYER, "f.yml",
                "models:\n  - name: t\n    tests:\n      - relationships: {columns: [a, b], to: u, fields: [a]}\n"))
                .getMessage();
        assertTrue(fields.contains("2 columns but 1 fields"), fields);
        String threshold = assertThrows(IllegalStateException.class, () -> DeclaredTestFile.parse("shop", LAYER, "f.yml",
                "models:\n  - name: t\n    columns:\n      - name: c\n        tests:\n          - not_null: {warn_if: \"lots\"}\n"))
                .getMessage();
        assertTrue(threshold.contains("lots"), threshold);
    }

    @Test
    void theShippedFilesRead() {
        for (ModelDataset dataset : ModelDataset.all()) {
            for (ModelDataset.Layer layer : dataset.layers()) {
                assertTrue(!DeclaredTestFile.read(dataset, layer).isEmpty(), dataset.testsFile(layer));
            }
        }
    }
}
