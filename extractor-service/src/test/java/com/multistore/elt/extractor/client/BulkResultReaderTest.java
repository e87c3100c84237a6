package com.multistore.elt.extractor.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multistore.elt.events.Entity;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.testing.shopify.ShopifySchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bulk file, flattened the way Shopify writes it (each connection child on its own line with __parentId, right
 * after its parent), is re-nested into exactly the paged payload; a child out of place fails loudly.
 */
class BulkResultReaderTest {

    private final ObjectMapper json = EventJson.mapper();

    @ParameterizedTest
    @CsvSource({"ORDERS, order", "PRODUCTS, product", "INVENTORY, inventory-item", "CUSTOMERS, customer"})
    void reNestedBulkLinesEqualThePagedPayload(Entity entity, String example) throws IOException {
        EntityQueries queries = EntityQueries.of(entity);
        ObjectNode paged = (ObjectNode) json.readTree(ShopifySchemas.resource("/shopify/payloads/" + example + ".json"));
        ObjectNode second = paged.deepCopy();
        second.put("id", paged.get("id").asText() + "0");
        StringBuilder file = new StringBuilder();
        flatten(paged, queries.childFields(), file);
        flatten(second, queries.childFields(), file);

        List<ObjectNode> read = read(queries, file.toString());

        assertEquals(List.of(paged, second), read);
    }

    @Test
    void aParentWithoutChildrenGetsEmptyConnections() throws IOException {
        List<ObjectNode> read = read(EntityQueries.of(Entity.ORDERS), "{\"id\":\"gid://shopify/Order/1\",\"name\":\"#1\"}\n");

        assertEquals(json.readTree("{\"id\":\"gid://shopify/Order/1\",\"name\":\"#1\","
                + "\"lineItems\":{\"nodes\":[]},\"metafields\":{\"nodes\":[]}}"), read.get(0));
    }

    @Test
    void aChildOfAnotherParentFailsLoudly() {
        String file = """
                {"id":"gid://shopify/Order/1"}
                {"id":"gid://shopify/LineItem/11","__parentId":"gid://shopify/Order/1"}
                {"id":"gid://shopify/Order/2"}
                {"id":"gid://shopify/LineItem/12","__parentId":"gid://shopify/Order/1"}
                """;

        BulkResultException e = assertThrows(BulkResultException.class, () -> read(EntityQueries.of(Entity.ORDERS), file));

        assertTrue(e.getMessage().contains("line 4") && e.getMessage().contains("gid://shopify/Order/1")
                && e.getMessage().contains("follows gid://shopify/Order/2"), e.getMessage());
    }

    @Test
    void aChildBeforeAnyParentAndAnUnknownChildTypeFail() {
        EntityQueries orders = EntityQueries.of(Entity.ORDERS);
        assertThrows(BulkResultException.class, () -> read(orders,
                "{\"id\":\"gid://shopify/LineItem/11\",\"__parentId\":\"gid://shopify/Order/1\"}\n"));
        assertThrows(BulkResultException.class, () -> read(orders,
                "{\"id\":\"gid://shopify/Order/1\"}\n{\"id\":\"gid://shopify/Refund/3\",\"__parentId\":\"gid://shopify/Order/1\"}\n"));
        assertThrows(BulkResultException.class, () -> read(orders, "{\"id\":\"gid://shopify/Product/1\"}\n"));
        assertThrows(BulkResultException.class, () -> read(orders, "{\"id\":\"gid://shopify/Order/1\"\n"));
    }

    @Test
    void parameterizedLevelGidsAreTyped() {
        assertEquals("InventoryLevel", BulkResultReader.gidType("gid://shopify/InventoryLevel/9?inventory_item_id=4"));
        assertEquals(null, BulkResultReader.gidType("9"));
    }

    /** Shopify's JSONL for one node: the parent without its connections, then each child with __parentId. */
    private void flatten(ObjectNode node, Map<String, String> childFields, StringBuilder file) throws IOException {
        ObjectNode parent = node.deepCopy();
        List<JsonNode> children = new ArrayList<>();
        for (String field : childFields.values()) {
            JsonNode connection = parent.remove(field);
            connection.get("nodes").forEach(children::add);
        }
        file.append(json.writeValueAsString(parent)).append('\n');
        for (JsonNode child : children) {
            ObjectNode line = child.deepCopy();
            line.put("__parentId", node.get("id").asText());
            file.append(json.writeValueAsString(line)).append('\n');
        }
    }

    private List<ObjectNode> read(EntityQueries queries, String file) throws IOException {
        List<ObjectNode> nodes = new ArrayList<>();
        BulkResultReader.of(json, queries).read(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), nodes::add);
        return nodes;
    }
}
