package com.multistore.elt.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Each topic's JSON sample reads into its record and writes back to the same JSON. */
class EventJsonRoundTripTest {

    private final ObjectMapper mapper = EventJson.mapper();

    @Test
    void rawRecordKeepsThePayloadExactly() throws IOException {
        JsonNode sample = sample("raw-record-order.json");
        RawRecord record = mapper.treeToValue(sample, RawRecord.class);

        assertEquals(Entity.ORDERS, record.entity());
        assertEquals("retail/gid://shopify/Order/5512001", record.key());
        assertEquals(Instant.parse("2026-11-21T16:02:11Z"), record.sourceUpdatedAt());
        assertEquals(LocalDate.of(2026, 11, 22), record.businessDate());
        assertEquals("CAKE-CHOC-8", record.payload().at("/lineItems/nodes/0/sku").asText());
        assertEquals(sample, written(record));
    }

    @Test
    void runStartedCarriesItsPlan() throws IOException {
        JsonNode sample = sample("run-started.json");
        RunStarted event = mapper.treeToValue(sample, RunStarted.class);

        assertEquals(RunTrigger.SCHEDULE, event.trigger());
        assertEquals(Map.of("retail", LocalDate.of(2026, 11, 22), "wholesale", LocalDate.of(2026, 11, 21)),
                event.businessDates());
        assertEquals(List.of(), event.undatedStores());
        assertEquals(3, event.plan().size());
        assertEquals(new RunStarted.PlanItem("wholesale", Entity.PRODUCTS, ExtractMode.BULK), event.plan().get(1));
        assertEquals(sample, written(event));
    }

    @Test
    void extractCompletedCarriesEndOffsetsPerPartition() throws IOException {
        JsonNode sample = sample("extract-completed.json");
        ExtractCompleted event = mapper.treeToValue(sample, ExtractCompleted.class);

        assertEquals(Map.of(0, 4411L, 1, 4380L, 2, 0L), event.endOffsets());
        assertEquals(1250, event.recordCount());
        assertNull(event.error());
        assertEquals(1250, event.observed().records());
        assertEquals(new java.math.BigDecimal("18230.50"), event.observed().sums().get(ExtractObservation.TOTAL_PRICE));
        assertEquals(Long.valueOf(1250), event.observed().shopifyCount());
        assertEquals(Instant.parse("2026-11-22T11:29:58Z"), event.observed().countTo());
        assertEquals(sample, written(event));
    }

    @Test
    void loadCompletedRoundTrips() throws IOException {
        JsonNode sample = sample("load-completed.json");
        LoadCompleted event = mapper.treeToValue(sample, LoadCompleted.class);

        assertEquals(Status.FAILED, event.status());
        assertEquals(2, event.deadLetteredCount());
        assertEquals(new DeadLetterReason("missing gid", 1), event.deadLetterReasons().get(1));
        assertEquals(new java.math.BigDecimal("412.00"), event.extracted().sums().get(ExtractObservation.TOTAL_REFUNDED));
        assertEquals(sample, written(event));
    }

    @Test
    void eventsOfTheFormatBeforeDeadLetterReasonsReadWithNone() throws IOException {
        ObjectNode load = (ObjectNode) sample("load-completed.json");
        load.remove("deadLetterReasons");
        assertEquals(java.util.List.of(), mapper.treeToValue(load, LoadCompleted.class).deadLetterReasons());
        ObjectNode transform = (ObjectNode) sample("transform-completed.json");
        transform.remove("deadLetters");
        assertEquals(java.util.List.of(), mapper.treeToValue(transform, TransformCompleted.class).deadLetters());
    }

    @Test
    void eventsOfTheFormatBeforeReconciliationReadWithNone() throws IOException {
        ObjectNode extract = (ObjectNode) sample("extract-completed.json");
        extract.remove("observed");
        assertNull(mapper.treeToValue(extract, ExtractCompleted.class).observed());
        ObjectNode load = (ObjectNode) sample("load-completed.json");
        load.remove("extracted");
        assertNull(mapper.treeToValue(load, LoadCompleted.class).extracted());
        ObjectNode transform = (ObjectNode) sample("transform-completed.json");
        transform.remove("reconciliation");
        assertNull(mapper.treeToValue(transform, TransformCompleted.class).reconciliation());
    }

    @Test
    void transformCompletedRoundTrips() throws IOException {
        JsonNode sample = sample("transform-completed.json");
        TransformCompleted event = mapper.treeToValue(sample, TransformCompleted.class);

        assertEquals(Status.FAILED, event.jobs().get(1).status());
        assertEquals(3, event.jobs().get(1).attempts());
        assertEquals(new TransformCompleted.DataQuality(11, 1, 0), event.dq());
        assertEquals(Entity.ORDERS, event.deadLetters().get(0).entity());
        assertEquals(2, event.deadLetters().get(0).reasons().get(0).count());
        assertEquals(1, event.reconciliation().failed());
        assertEquals("orders@retail records: source 1250, warehouse 1248 (difference -2)",
                event.reconciliation().differences().get(0).describe());
        assertEquals("orders@retail shopify_count: source 1251, warehouse 1250 (difference -1): 1 order updated after the window closed",
                event.reconciliation().differences().get(1).describe());
        assertEquals(sample, written(event));
    }

    @Test
    void instanceEventRoundTrips() throws IOException {
        JsonNode sample = sample("instance-event.json");
        InstanceEvent event = mapper.treeToValue(sample, InstanceEvent.class);

        assertEquals(InstanceEvent.Action.STOP_POSTPONED, event.action());
        assertEquals(sample, written(event));
    }

    @Test
    void unknownFieldsFromANewerProducerAreIgnored() throws IOException {
        String json = "{\"runId\":\"r1\",\"attempt\":2,\"status\":\"SUCCEEDED\",\"jobs\":[],\"dq\":{\"passed\":1,\"warned\":0,\"failed\":0},"
                + "\"addedLater\":true}";
        assertEquals("r1", mapper.readValue(json, TransformCompleted.class).runId());
    }

    @Test
    void anUnknownEntityIsAClearError() {
        Exception e = assertThrows(Exception.class,
                () -> mapper.readValue("{\"store\":\"retail\",\"entity\":\"returns\"}", RawRecord.class));
        assertEquals(true, e.getMessage().contains("unknown entity 'returns'"), e.getMessage());
    }

    @Test
    void everyEntityHasItsRawTopic() {
        for (Entity entity : Entity.values()) {
            assertEquals(entity, Entity.fromRawTopic(Topics.raw(entity)));
            assertEquals("shopify." + entity.code() + ".raw", entity.rawTopic());
        }
    }

    /** The record as it goes on the wire, read back as a tree. */
    private JsonNode written(Object event) throws IOException {
        return mapper.readTree(mapper.writeValueAsString(event));
    }

    private JsonNode sample(String name) {
        try (InputStream in = getClass().getResourceAsStream("/samples/" + name)) {
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
