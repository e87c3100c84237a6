package com.multistore.elt.extractor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multistore.elt.events.Entity;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.events.ExtractCompleted;
import com.multistore.elt.events.ExtractObservation;
import com.multistore.elt.events.RawRecord;
import com.multistore.elt.events.Status;
import com.multistore.elt.events.Topics;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.extractor.RawTopics.Consumed;
import com.multistore.elt.testing.InjectTestDatabase;
import com.multistore.elt.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The extractor against the Shopify simulator (two shops, thousands of orders), the real broker and PostgreSQL:
 * the first run bulk-loads everything; after N orders are touched an incremental run publishes exactly those N
 * plus the overlap; a THROTTLED storm and injected 5xx leave the same record set; a FAILED bulk job fails the
 * extract with a clear event; the watermark does not move when the transform fails. What was published is read
 * back from the topics with a plain consumer and compared with the simulator's ground truth.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtractionTests {

    static final String ADMIN = "Bearer test-admin-token";
    static final List<String> STORES = List.of("retail", "wholesale");
    static final Entity[] PAYLOAD_ENTITIES = {Entity.ORDERS, Entity.CUSTOMERS, Entity.PRODUCTS};

    @ConfigProperty(name = ShopifySimulatorResource.URL_PROPERTY)
    String simulator;

    @InjectTestDatabase
    TestDatabase database;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    static String firstRun;
    static final Map<String, Map<String, RawRecord>> firstRecords = new HashMap<>();

    @Test
    @Order(1)
    void theFirstRunBulkLoadsEverything() throws Exception {
        // retail answers with the cost model live Shopify is observed to use, so that orders can be paged later
        given().contentType(ContentType.JSON).body("{\"costModel\":\"observed\"}")
                .put(simulator + "/simulator/shops/retail/bucket").then().statusCode(200);

        JsonPath started = startRun("/runs", "{\"stores\":[\"retail\",\"wholesale\"]}");
        firstRun = started.getString("runId");
        assertEquals(12, started.getList("plan").size());
        List<String> modes = started.getList("plan.mode");
        List<String> entities = started.getList("plan.entity");
        for (int i = 0; i < modes.size(); i++) {
            String entity = entities.get(i);
            assertEquals(entity.equals("deletions") || entity.equals("refunds") ? "INCREMENTAL"
                    : entity.equals("inventory") ? "SNAPSHOT" : "BULK", modes.get(i),
                    entity + ": bulk, a snapshot, the paged deletions, or the refunds asked by GID");
        }
        for (int i = 0; i < entities.size(); i += 6) {
            assertEquals(List.of("orders", "refunds", "customers", "products", "inventory", "deletions"),
                    entities.subList(i, i + 6), "the refunds follow the orders that list them");
        }

        JsonPath run = awaitRun(firstRun);
        assertEquals("SUCCEEDED", run.getString("status"), run.prettify());

        List<ExtractCompleted> completions = RawTopics.completions(firstRun);
        assertEquals(12, completions.size(), completions.toString());
        for (String store : STORES) {
            JsonPath truth = given().get(simulator + "/simulator/shops/" + store + "/truth").jsonPath();
            Map<Entity, Long> expected = Map.of(Entity.ORDERS, truth.getLong("orders.count"),
                    Entity.CUSTOMERS, truth.getLong("customers.count"), Entity.PRODUCTS, truth.getLong("products.count"),
                    Entity.INVENTORY, truth.getLong("inventory.items"), Entity.REFUNDS, truth.getLong("orders.refunded"),
                    Entity.DELETIONS, truth.getMap("deleted").values().stream().mapToLong(n -> ((Number) n).longValue()).sum());
            for (Entity entity : Entity.values()) {
                if (entity == Entity.IDS) {
                    continue; // a store's first load never sweeps
                }
                List<Consumed> records = RawTopics.records(entity, firstRun, store);
                Set<String> gids = records.stream().map(c -> c.record().gid()).collect(Collectors.toSet());
                ExtractCompleted completed = completion(completions, store, entity);

                assertEquals(expected.get(entity), (long) gids.size(), store + " " + entity + ": ground truth");
                assertEquals(records.size(), gids.size(), store + " " + entity + ": a bulk run has no duplicates");
                assertEquals(Status.SUCCEEDED, completed.status());
                assertEquals(records.size(), completed.recordCount());
                assertEquals(endOffsets(records), completed.endOffsets(), store + " " + entity + ": barrier offsets");
                records.forEach(c -> assertEquals(RawRecord.key(store, c.record().gid()), c.record().key()));
                ExtractObservation observed = completed.observed();
                assertEquals(gids.size(), observed.records(), store + " " + entity + ": records observed");
                if (entity == Entity.INVENTORY || entity == Entity.DELETIONS || entity == Entity.REFUNDS) {
                    assertNull(observed.shopifyCount(), entity + ": Shopify has no count of these");
                } else {
                    assertEquals(expected.get(entity), observed.shopifyCount(), store + " " + entity + ": Shopify's count");
                    assertEquals("EXACT", observed.shopifyCountPrecision());
                    assertNull(observed.countFrom(), "a bulk run counts the whole history");
                }
                firstRecords.put(store + "/" + entity.code(), records.stream()
                        .collect(Collectors.toMap(c -> c.record().gid(), Consumed::record)));
            }
        }
        for (String store : STORES) {
            JsonPath truth = given().get(simulator + "/simulator/shops/" + store + "/truth").jsonPath();
            Map<String, java.math.BigDecimal> sums = completion(completions, store, Entity.ORDERS).observed().sums();
            assertEquals(0, new java.math.BigDecimal(truth.getString("orders.totalPrice"))
                    .compareTo(sums.get(ExtractObservation.TOTAL_PRICE)), store + ": Σ total price observed");
            assertEquals(0, new java.math.BigDecimal(truth.getString("orders.totalRefunded"))
                    .compareTo(sums.get(ExtractObservation.TOTAL_REFUNDED)), store + ": Σ refunded observed");
            assertEquals(truth.getLong("orders.lineItemQuantity"), sums.get(ExtractObservation.LINE_QUANTITY).longValueExact(),
                    store + ": Σ line units observed");
            Map<String, java.math.BigDecimal> refunds = completion(completions, store, Entity.REFUNDS).observed().sums();
            assertEquals(truth.getLong("orders.refunded"), refunds.get(ExtractObservation.REFUNDS_LISTED).longValueExact(),
                    store + ": the refunds the orders list");
            assertEquals(0, refunds.get(ExtractObservation.REFUNDS_GONE).signum(), store + ": none gone");
            assertEquals(truth.getLong("orders.refundLineQuantity"),
                    refunds.get(ExtractObservation.REFUND_LINE_QUANTITY).longValueExact(), store + ": Σ refunded units");
            assertEquals(0, new java.math.BigDecimal(truth.getString("orders.refundLineSubtotal"))
                    .compareTo(refunds.get(ExtractObservation.REFUND_LINE_SUBTOTAL)), store + ": Σ refunded subtotal");
        }
        RawRecord order = firstRecords.get("retail/orders").values().stream()
                .filter(r -> r.payload().path("lineItems").path("nodes").size() > 1).findFirst().orElseThrow();
        assertTrue(order.payload().path("metafields").has("nodes"), "bulk children re-nested as {nodes: [...]}");
        assertFalse(order.payload().toString().contains("__parentId"));
    }

    @Test
    @Order(2)
    void aSucceededTransformAdvancesTheWatermarksToTheLargestUpdatedAt() throws Exception {
        transformCompleted(firstRun, Status.SUCCEEDED);

        for (String store : STORES) {
            for (Entity entity : PAYLOAD_ENTITIES) {
                Instant largest = firstRecords.get(store + "/" + entity.code()).values().stream()
                        .map(RawRecord::sourceUpdatedAt).max(Instant::compareTo).orElseThrow();
                awaitEquals(largest.getEpochSecond(), () -> watermarkEpoch(store, entity), store + " " + entity);
            }
        }
        assertEquals(0, database.queryForLong("select count(*) from ops.watermarks where store in ('retail','wholesale')"
                + " and entity = 'inventory'"), "the inventory snapshot has no watermark");
    }

    @Test
    @Order(3)
    void anIncrementalRunAfterTouchingOrdersPublishesExactlyThoseAndTheOverlap() throws Exception {
        long watermark = watermarkEpoch("retail", Entity.ORDERS);
        List<Long> touched = given().contentType(ContentType.JSON).post(simulator
                + "/simulator/shops/retail/orders/touch?count=25").jsonPath().getList("touched", Long.class);
        assertEquals(25, touched.size());

        JsonPath started = startRun("/runs", "{\"stores\":[\"retail\"],\"entities\":[\"orders\"]}");
        String runId = started.getString("runId");
        assertEquals(List.of("INCREMENTAL", "INCREMENTAL"), started.getList("plan.mode"));
        assertEquals(List.of("orders", "refunds"), started.getList("plan.entity"), "the orders' refunds follow them");
        assertEquals("SUCCEEDED", awaitRun(runId).getString("status"));

        Map<String, RawRecord> before = firstRecords.get("retail/orders");
        Set<String> expected = touched.stream().map(id -> "gid://shopify/Order/" + id).collect(Collectors.toSet());
        Instant overlapStart = Instant.ofEpochSecond(watermark).minus(Duration.ofMinutes(5));
        before.values().stream().filter(r -> !r.sourceUpdatedAt().isBefore(overlapStart))
                .forEach(r -> expected.add(r.gid()));
        List<Consumed> records = RawTopics.records(Entity.ORDERS, runId, "retail");
        Set<String> gids = records.stream().map(c -> c.record().gid()).collect(Collectors.toSet());

        assertEquals(expected, gids, "touched orders plus the overlap, nothing else");
        ExtractObservation observed = completion(RawTopics.completions(runId), "retail", Entity.ORDERS).observed();
        assertEquals(gids.size(), observed.records(), "distinct records observed");
        assertEquals(Instant.ofEpochSecond(watermark).minus(Duration.ofMinutes(5)), observed.countFrom());
        assertEquals(records.stream().filter(c -> c.record().sourceUpdatedAt().isBefore(observed.countTo()))
                .map(c -> c.record().gid()).distinct().count(), observed.shopifyCount(),
                "Shopify counts the window's records the run published");
        assertEquals(endOffsets(records), completion(RawTopics.completions(runId), "retail", Entity.ORDERS).endOffsets());
        for (Consumed c : records) {
            ObjectNode paged = c.record().payload().deepCopy();
            ObjectNode bulk = before.get(c.record().gid()).payload().deepCopy();
            if (touched.contains(Long.parseLong(paged.get("legacyResourceId").asText()))) {
                paged.remove("updatedAt");
                bulk.remove("updatedAt");
            }
            assertEquals(bulk, paged, "paged and bulk payloads of " + c.record().gid() + " are identical");
        }
        incrementalRun = runId;
    }

    static String incrementalRun;

    @Test
    @Order(4)
    void theWatermarkDoesNotMoveWhenTheTransformFails() throws Exception {
        long before = watermarkEpoch("retail", Entity.ORDERS);
        transformCompleted(incrementalRun, Status.FAILED);

        awaitEquals(1L, () -> database.queryForLong("select count(*) from ops.extractor_run_items where run_id = '"
                + incrementalRun + "' and watermark_state = 'DISCARDED'"), "candidate discarded");
        assertEquals(before, watermarkEpoch("retail", Entity.ORDERS));
        assertTrue(database.queryForLong("select count(*) from ops.extractor_run_items where run_id = '" + incrementalRun
                + "' and candidate_watermark > to_timestamp(" + before + ")") == 1, "the run had a newer candidate");
    }

    @Test
    @Order(5)
    void aThrottledStormAndInjected5xxLeaveTheSameRecordSet() throws Exception {
        faults("wholesale", "{\"throttled\":12,\"http500\":2,\"http503\":2,\"http429\":2,\"retryAfterSeconds\":1,"
                + "\"internalErrors\":2}");
        String bulk = startRun("/runs", "{\"stores\":[\"wholesale\"],\"entities\":[\"customers\",\"products\"],"
                + "\"mode\":\"BULK\"}").getString("runId");
        assertEquals("SUCCEEDED", awaitRun(bulk).getString("status"));

        faults("wholesale", "{\"throttled\":12,\"http500\":2,\"http503\":2,\"http429\":2,\"retryAfterSeconds\":1}");
        String paged = startRun("/replay", "{\"stores\":[\"wholesale\"],\"entities\":[\"customers\"],"
                + "\"from\":\"2000-01-01T00:00:00Z\",\"to\":\"2100-01-01T00:00:00Z\"}").getString("runId");
        JsonPath replay = awaitRun(paged);
        assertEquals("SUCCEEDED", replay.getString("status"));
        assertEquals("INCREMENTAL", replay.getString("items[0].mode"));

        for (Entity entity : new Entity[]{Entity.CUSTOMERS, Entity.PRODUCTS}) {
            assertSameRecords(firstRecords.get("wholesale/" + entity.code()), RawTopics.records(entity, bulk, "wholesale"));
        }
        assertSameRecords(firstRecords.get("wholesale/customers"), RawTopics.records(Entity.CUSTOMERS, paged, "wholesale"));
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("shopify_throttled_total") && l.contains("wholesale")
                && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) >= 24), "throttled answers counted");
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("shopify_retries_total") && l.contains("http_503")),
                "retries counted by reason");
    }

    @Test
    @Order(6)
    void aFailedBulkJobFailsTheExtractWithAClearEvent() throws Exception {
        faults("wholesale", "{\"bulkFailures\":2,\"bulkFailAfterObjects\":50}");
        String runId = startRun("/runs", "{\"stores\":[\"wholesale\"],\"entities\":[\"orders\"],\"mode\":\"BULK\"}")
                .getString("runId");

        JsonPath run = awaitRun(runId);
        assertEquals("FAILED", run.getString("status"));
        ExtractCompleted completed = completion(RawTopics.completions(runId), "wholesale", Entity.ORDERS);
        assertEquals(Status.FAILED, completed.status());
        assertTrue(completed.error().contains("FAILED with errorCode") && completed.error().contains("2 attempts"),
                completed.error());
        assertEquals(0, RawTopics.records(Entity.ORDERS, runId, "wholesale").size(), "partial data is not published");
        assertTrue(run.getString("items[0].error").contains("FAILED with errorCode"));
    }

    @Test
    @Order(7)
    void aBulkQueryBlockedByRunningOperationsWaitsForThemAndStillLoadsEverything() throws Exception {
        faults("wholesale", "{\"bulkPauseMillis\":1500}");
        List<String> blockers = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) { // API 2026-04 allows five bulk queries at a time per app and shop
            JsonPath started = given().contentType(ContentType.JSON)
                    .header("X-Shopify-Access-Token", ShopifySimulatorResource.TOKENS.get("wholesale"))
                    .body(Map.of("query", "mutation($q: String!) { bulkOperationRunQuery(query: $q, groupObjects: false)"
                            + " { bulkOperation { id } userErrors { message } } }",
                            "variables", Map.of("q", "{ customers { edges { node { id } } } }")))
                    .post(simulator + "/shops/wholesale/admin/api/2026-04/graphql.json").then().statusCode(200)
                    .extract().jsonPath();
            blockers.add(started.getString("data.bulkOperationRunQuery.bulkOperation.id"));
        }
        assertFalse(blockers.contains(null), "five blocking operations running: " + blockers);

        String runId = startRun("/runs", "{\"stores\":[\"wholesale\"],\"entities\":[\"products\"],\"mode\":\"BULK\"}")
                .getString("runId");
        JsonPath run = awaitRun(runId);
        given().delete(simulator + "/simulator/shops/wholesale/faults").then().statusCode(200);

        assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
        assertFalse(blockers.contains(run.getString("items[0].bulkOperationId")));
        assertSameRecords(firstRecords.get("wholesale/products"), RawTopics.records(Entity.PRODUCTS, runId, "wholesale"));
    }

    @Test
    @Order(8)
    void anOrderOf300LinesAndOneOf60MetafieldsAreExtractedWholeOnBothPaths() throws Exception {
        long manyLines = given().post(simulator + "/simulator/shops/retail/orders?lines=300").then().statusCode(200)
                .extract().jsonPath().getLong("created[0]");
        long manyMetafields = given().post(simulator + "/simulator/shops/retail/orders?notes=60").then().statusCode(200)
                .extract().jsonPath().getLong("created[0]");
        Map<String, JsonNode> byPath = new HashMap<>();
        for (String mode : List.of("INCREMENTAL", "BULK")) {
            String body = "{\"stores\":[\"retail\"],\"entities\":[\"orders\"]"
                    + (mode.equals("BULK") ? ",\"mode\":\"BULK\"}" : "}");
            JsonPath started = startRun("/runs", body);
            assertEquals(List.of(mode, "INCREMENTAL"), started.getList("plan.mode"));
            String runId = started.getString("runId");
            assertEquals("SUCCEEDED", awaitRun(runId).getString("status"), mode);
            Map<String, JsonNode> payloads = new HashMap<>();
            RawTopics.records(Entity.ORDERS, runId, "retail").forEach(c -> payloads.put(c.record().gid(), c.record().payload()));

            JsonNode lines = payloads.get("gid://shopify/Order/" + manyLines);
            JsonNode metafields = payloads.get("gid://shopify/Order/" + manyMetafields);
            assertEquals(300, lines.path("lineItems").path("nodes").size(), mode + ": every line of the 300");
            assertEquals(300, distinct(lines.path("lineItems").path("nodes")), mode + ": no line twice");
            assertEquals(60, metafields.path("metafields").path("nodes").size(), mode + ": every metafield of the 60");
            assertEquals(60, distinct(metafields.path("metafields").path("nodes")), mode + ": no metafield twice");
            assertFalse(lines.path("lineItems").has("pageInfo") || metafields.path("metafields").has("pageInfo"),
                    mode + ": the paging state is not part of the payload");
            byPath.put(mode + " lines", lines);
            byPath.put(mode + " metafields", metafields);
        }
        assertEquals(byPath.get("BULK lines"), byPath.get("INCREMENTAL lines"), "paged and bulk payloads are the same");
        assertEquals(byPath.get("BULK metafields"), byPath.get("INCREMENTAL metafields"));
    }

    @Test
    @Order(9)
    void deletionsArePublishedKeyedByTheDeletedSubjectAndMoveTheirOwnWatermark() throws Exception {
        Map<String, RawRecord> products = firstRecords.get("retail/products");
        RawRecord deletedProduct = products.values().stream()
                .filter(r -> r.payload().path("variants").path("nodes").size() > 1).findFirst().orElseThrow();
        RawRecord trimmedProduct = products.values().stream().filter(r -> r != deletedProduct)
                .filter(r -> r.payload().path("variants").path("nodes").size() > 1).findFirst().orElseThrow();
        String deletedVariant = trimmedProduct.payload().path("variants").path("nodes").get(0).path("id").asText();
        String deletedOrder = firstRecords.get("retail/orders").keySet().stream().sorted().findFirst().orElseThrow();
        long customer = given().get(simulator + "/simulator/shops/retail/customers/without-orders?count=1").jsonPath()
                .getLong("customers[0]");
        String deletedCustomer = "gid://shopify/Customer/" + customer;
        for (String gid : List.of(deletedProduct.gid(), deletedVariant, deletedOrder, deletedCustomer)) {
            String path = switch (gid.split("/")[3]) {
                case "Product" -> "products";
                case "ProductVariant" -> "variants";
                case "Order" -> "orders";
                default -> "customers";
            };
            given().delete(simulator + "/simulator/shops/retail/" + path + "/" + gid.substring(gid.lastIndexOf('/') + 1))
                    .then().statusCode(200);
        }

        JsonPath started = startRun("/runs", "{\"stores\":[\"retail\"],\"entities\":[\"deletions\"]}");
        String runId = started.getString("runId");
        assertEquals(List.of("INCREMENTAL"), started.getList("plan.mode"));
        assertEquals("SUCCEEDED", awaitRun(runId).getString("status"));

        List<Consumed> records = RawTopics.records(Entity.DELETIONS, runId, "retail");
        Map<String, JsonNode> bySubject = new TreeMap<>();
        records.forEach(c -> bySubject.put(c.record().gid(), c.record().payload()));
        assertEquals(new TreeMap<>(Map.of(deletedProduct.gid(), "PRODUCT", deletedVariant, "PRODUCT_VARIANT",
                        deletedOrder, "ORDER", deletedCustomer, "CUSTOMER")).toString(),
                new TreeMap<>(bySubject.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> e.getValue().path("subjectType").asText()))).toString(),
                "one destroy event per deleted subject, keyed by the subject, none for the deleted product's variants");
        for (Consumed c : records) {
            assertEquals(RawRecord.key("retail", c.record().gid()), c.record().key());
            assertEquals("destroy", c.record().payload().path("action").asText());
            assertTrue(c.record().payload().path("id").asText().startsWith("gid://shopify/BasicEvent/"));
            assertEquals(Instant.parse(c.record().payload().path("createdAt").asText()), c.record().sourceUpdatedAt(),
                    "a deletion is dated by its event");
        }
        assertEquals(endOffsets(records), completion(RawTopics.completions(runId), "retail", Entity.DELETIONS).endOffsets());

        transformCompleted(runId, Status.SUCCEEDED);
        Instant newest = records.stream().map(c -> c.record().sourceUpdatedAt()).max(Instant::compareTo).orElseThrow();
        awaitEquals(newest.getEpochSecond(), () -> watermarkEpoch("retail", Entity.DELETIONS), "deletions watermark");
    }

    @Test
    @Order(10)
    @SuppressWarnings("unchecked")
    void theIdSweepListsEveryGidTheStoreStillHasAndIsDueAgainOnlyAfterItsInterval() throws Exception {
        // retail was loaded before and never swept: a run of all its entities adds the sweep, a BULK listing
        JsonPath started = startRun("/runs", "{\"stores\":[\"retail\"]}");
        String runId = started.getString("runId");
        assertTrue(started.getList("plan").stream().anyMatch(p -> p.toString().contains("entity=ids")
                && p.toString().contains("mode=BULK")), started.getList("plan").toString());
        assertEquals("SUCCEEDED", awaitRun(runId).getString("status"));

        List<Consumed> records = RawTopics.records(Entity.IDS, runId, "retail");
        JsonPath truth = given().get(simulator + "/simulator/shops/retail/truth").jsonPath();
        Map<String, Long> byType = records.stream().collect(Collectors.groupingBy(c -> c.record().gid().split("/")[3],
                TreeMap::new, Collectors.counting()));
        assertEquals(new TreeMap<>(Map.of("Order", truth.getLong("orders.count"), "Customer",
                truth.getLong("customers.count"), "Product", truth.getLong("products.count"))), byType,
                "one record per order, customer and product the shop still has");
        assertEquals(truth.getLong("variants.count"), records.stream()
                .mapToLong(c -> c.record().payload().path("variants").path("nodes").size()).sum(),
                "each product lists its variants' GIDs");
        Set<String> listed = records.stream().map(c -> c.record().gid()).collect(Collectors.toSet());
        List<String> deleted = new ArrayList<>();
        truth.getMap("deletedSubjects").values().forEach(gids -> deleted.addAll((List<String>) gids));
        assertFalse(deleted.isEmpty());
        deleted.forEach(gid -> assertFalse(listed.contains(gid), gid + " is deleted and not listed"));
        ExtractCompleted completed = completion(RawTopics.completions(runId), "retail", Entity.IDS);
        assertEquals(records.size(), completed.observed().records());
        assertNull(completed.observed().shopifyCount(), "Shopify has no count of a sweep");

        transformCompleted(runId, Status.SUCCEEDED);
        // the watermark is the sweep's start (rounded to the second here)
        long sweptAt = Math.round(records.get(0).record().extractedAt().toEpochMilli() / 1000.0);
        awaitEquals(sweptAt, () -> watermarkEpoch("retail", Entity.IDS), "the sweep's watermark is its start");

        // within the interval (a week by default) the next run of all entities does not sweep again
        JsonPath next = startRun("/runs", "{\"stores\":[\"retail\"]}");
        assertFalse(next.getList("plan").toString().contains("entity=ids"), next.getList("plan").toString());
        assertEquals("SUCCEEDED", awaitRun(next.getString("runId")).getString("status"));
        transformCompleted(next.getString("runId"), Status.SUCCEEDED);
    }

    @Test
    @Order(11)
    void refundDetailsAreAskedByGidAfterTheOrdersWholeEvenForA300LineOrder() throws Exception {
        given().contentType(ContentType.JSON).header("Authorization", ADMIN)
                .body("{\"stores\":[\"retail\"],\"entities\":[\"refunds\"]}").post("/runs").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("ask for orders too"));

        long wide = given().post(simulator + "/simulator/shops/retail/orders?lines=300").then().statusCode(200)
                .extract().jsonPath().getLong("created[0]");
        assertEquals(List.of(wide), given().post(simulator + "/simulator/shops/retail/orders/refund?whole=true&id=" + wide)
                .then().statusCode(200).extract().jsonPath().getList("refunded", Long.class));
        List<Long> returned = given().post(simulator + "/simulator/shops/retail/orders/refund?count=3").then()
                .statusCode(200).extract().jsonPath().getList("refunded", Long.class);
        assertEquals(3, returned.size());

        String runId = startRun("/runs", "{\"stores\":[\"retail\"],\"entities\":[\"orders\"]}").getString("runId");
        assertEquals("SUCCEEDED", awaitRun(runId).getString("status"));

        // every refund the run's orders list has its details, asked by GID, once
        Set<String> listed = new HashSet<>();
        RawTopics.records(Entity.ORDERS, runId, "retail").forEach(c -> c.record().payload().path("refunds")
                .forEach(r -> listed.add(r.path("id").asText())));
        List<Consumed> refunds = RawTopics.records(Entity.REFUNDS, runId, "retail");
        Map<String, JsonNode> byGid = new HashMap<>();
        refunds.forEach(c -> byGid.put(c.record().gid(), c.record().payload()));
        assertEquals(listed, byGid.keySet(), "one record per refund the orders list");
        assertEquals(refunds.size(), byGid.size(), "no refund asked twice");

        JsonNode whole = refunds.stream().map(c -> c.record().payload())
                .filter(r -> r.path("order").path("legacyResourceId").asText().equals(String.valueOf(wide)))
                .findFirst().orElseThrow();
        assertEquals(300, whole.path("refundLineItems").path("nodes").size(), "every refunded line of the 300");
        assertEquals(300, distinct(whole.path("refundLineItems").path("nodes")), "no refunded line twice");
        Set<String> lines = new HashSet<>();
        whole.path("refundLineItems").path("nodes").forEach(l -> lines.add(l.path("lineItem").path("id").asText()));
        assertEquals(300, lines.size(), "each refunded line names its order line");
        assertFalse(whole.toString().contains("pageInfo"), "the paging state is not part of the payload");
        assertEquals(1, whole.path("refundShippingLines").path("nodes").size(), "a full refund returns the shipping");
        assertTrue(whole.path("transactions").path("nodes").size() >= 1, "the refund's transaction");
        for (long order : returned) {
            JsonNode returnedRefund = refunds.stream().map(c -> c.record().payload())
                    .filter(r -> r.path("order").path("legacyResourceId").asText().equals(String.valueOf(order)))
                    .findFirst().orElseThrow(() -> new AssertionError("no refund details of order " + order));
            assertEquals(1, returnedRefund.path("refundLineItems").path("nodes").size(), order + ": the returned line");
            assertEquals("RETURN", returnedRefund.path("refundLineItems").path("nodes").get(0).path("restockType").asText());
        }
        ExtractCompleted completed = completion(RawTopics.completions(runId), "retail", Entity.REFUNDS);
        assertEquals(Status.SUCCEEDED, completed.status());
        assertEquals(refunds.size(), completed.recordCount());
        assertEquals(endOffsets(refunds), completed.endOffsets());
        Map<String, java.math.BigDecimal> sums = completed.observed().sums();
        assertEquals(listed.size(), sums.get(ExtractObservation.REFUNDS_LISTED).longValueExact());
        long units = 0;
        for (Consumed c : refunds) {
            for (JsonNode l : c.record().payload().path("refundLineItems").path("nodes")) {
                units += l.path("quantity").asLong();
            }
        }
        assertEquals(units, sums.get(ExtractObservation.REFUND_LINE_QUANTITY).longValueExact(), "Σ refunded units");
        assertTrue(units >= 300, "the 300 refunded lines are counted");
        // the refunds move no watermark of their own
        transformCompleted(runId, Status.SUCCEEDED);
        assertEquals(-1, watermarkEpoch("retail", Entity.REFUNDS));
    }

    private static long distinct(JsonNode nodes) {
        Set<String> ids = new java.util.HashSet<>();
        nodes.forEach(n -> ids.add(n.path("id").asText()));
        return ids.size();
    }

    private void assertSameRecords(Map<String, RawRecord> expected, List<Consumed> actual) {
        Map<String, JsonNode> got = new TreeMap<>();
        actual.forEach(c -> got.put(c.record().gid(), c.record().payload()));
        assertEquals(new TreeMap<>(expected).keySet(), got.keySet());
        expected.forEach((gid, r) -> assertEquals(r.payload(), got.get(gid), gid));
    }

    private JsonPath startRun(String path, String body) {
        return given().contentType(ContentType.JSON).header("Authorization", ADMIN).body(body)
                .when().post(path).then().statusCode(202).extract().jsonPath();
    }

    private JsonPath awaitRun(String runId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath run = given().get("/runs/" + runId).then().statusCode(200).extract().jsonPath();
            if (!"RUNNING".equals(run.getString("status"))) {
                return run;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("run " + runId + " did not end within 300 s");
    }

    private void faults(String shop, String body) {
        given().contentType(ContentType.JSON).body(body).post(simulator + "/simulator/shops/" + shop + "/faults")
                .then().statusCode(200);
    }

    private void transformCompleted(String runId, Status status) throws Exception {
        byte[] value = EventJson.mapper().writeValueAsBytes(new TransformCompleted(runId, 1, status, List.of(),
                new TransformCompleted.DataQuality(1, 0, status == Status.SUCCEEDED ? 0 : 1)));
        companion.produce(Serdes.String(), Serdes.ByteArray())
                .fromRecords(new ProducerRecord<>(Topics.TRANSFORM_COMPLETED, runId, value))
                .awaitCompletion(Duration.ofSeconds(60));
    }

    private long watermarkEpoch(String store, Entity entity) throws Exception {
        return database.queryForLong("select coalesce(extract(epoch from max(watermark))::bigint, -1) from ops.watermarks"
                + " where store = '" + store + "' and entity = '" + entity.code() + "'");
    }

    private static ExtractCompleted completion(List<ExtractCompleted> completions, String store, Entity entity) {
        return completions.stream().filter(c -> c.store().equals(store) && c.entity() == entity).findFirst()
                .orElseThrow(() -> new AssertionError("no extract.completed for " + store + " " + entity));
    }

    /** Per partition, the next offset after the highest record: what the barrier must carry. */
    private static Map<Integer, Long> endOffsets(List<Consumed> records) {
        Map<Integer, Long> ends = new TreeMap<>();
        records.forEach(c -> ends.merge(c.partition(), c.offset() + 1, Math::max));
        return ends;
    }

    interface Query {
        long get() throws Exception;
    }

    private static void awaitEquals(long expected, Query query, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        long last = query.get();
        while (last != expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
            last = query.get();
        }
        assertEquals(expected, last, what);
    }
}
