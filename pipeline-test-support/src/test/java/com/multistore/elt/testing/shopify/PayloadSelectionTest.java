package com.multistore.elt.testing.shopify;

import com.multistore.elt.events.PayloadSelections;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The selections that define each RawRecord payload (shopify/*.graphql) validate against the full, real 2026-04
 * Admin schema and select no deprecated field.
 */
class PayloadSelectionTest {

    @ParameterizedTest
    @CsvSource({
            "OrderNode, orders",
            "CustomerNode, customers",
            "ProductNode, products",
            "InventoryItemNode, inventoryItems",
            "DeletionEventNode, events"})
    void selectionValidatesAgainstTheFullSchema(String fragment, String connection) {
        String document = "query { " + connection + "(first: 1) { nodes { ..." + fragment + " } } }\n"
                + PayloadSelections.fragment(fragment);

        List<String> problems = ShopifySchemas.problems(ShopifySchemas.full(), document);

        assertEquals(List.of(), problems, fragment + " against admin-2026-04");
    }

    @ParameterizedTest
    @CsvSource({
            "'query { orders(first: 1) { nodes { id totalPrice } } }', deprecated field Order.totalPrice",
            "'query { customers(first: 1) { nodes { id emailAddress } } }', Field 'emailAddress' in type 'Customer' is undefined"})
    void theCheckCatchesDeprecatedAndUnknownFields(String document, String expected) {
        List<String> problems = ShopifySchemas.problems(ShopifySchemas.full(), document);

        assertFalse(problems.isEmpty());
        assertFalse(problems.stream().noneMatch(p -> p.contains(expected)), problems.toString());
    }

    @org.junit.jupiter.api.Test
    void aDocumentWithNonNullVariablesIsCheckedWithTheirValues() {
        String document = "query order($id: ID!) { order(id: $id) { id totalPrice } }";

        List<String> problems = ShopifySchemas.problems(ShopifySchemas.full(), document,
                java.util.Map.of("id", "gid://shopify/Order/1"));

        assertEquals(List.of("deprecated field Order.totalPrice: Use `totalPriceSet` instead."), problems);
    }
}
