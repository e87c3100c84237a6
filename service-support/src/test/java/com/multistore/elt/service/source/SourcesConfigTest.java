package com.multistore.elt.service.source;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sources mapping and its streams, bound as the services bind them; a wrong stream names its key. */
class SourcesConfigTest {

    private static SourcesConfig bind(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 300))
                .withMapping(SourcesConfig.class)
                .build();
        return config.getConfigMapping(SourcesConfig.class);
    }

    private static Map<String, String> olist() {
        Map<String, String> p = new HashMap<>();
        p.put("pipeline.sources.olist.kind", "jdbc");
        p.put("pipeline.sources.olist.url", "jdbc:postgresql://127.0.0.1:5432/olist?password=secret");
        p.put("pipeline.sources.olist.time-zone", "America/Sao_Paulo");
        p.put("pipeline.sources.olist.streams.orders.mode", "incremental");
        p.put("pipeline.sources.olist.streams.orders.key", "order_id");
        p.put("pipeline.sources.olist.streams.orders.cursor", "greatest(order_purchase_timestamp, order_approved_at)");
        p.put("pipeline.sources.olist.streams.order_items.mode", "child");
        p.put("pipeline.sources.olist.streams.order_items.parent", "orders");
        p.put("pipeline.sources.olist.streams.order_items.key", "order_id,order_item_id");
        p.put("pipeline.sources.olist.streams.order_items.sums", "price,freight_value");
        p.put("pipeline.sources.olist.streams.sellers.mode", "snapshot");
        p.put("pipeline.sources.olist.streams.sellers.key", "seller_id");
        p.put("pipeline.sources.olist.streams.sellers.chunk-size", "100");
        return p;
    }

    @Test
    void streamsResolveWithTheirKeysModesAndParents() {
        List<SourceStream> streams = SourceStream.all(bind(olist()));
        assertEquals(List.of("orders", "sellers", "order_items"), streams.stream().map(SourceStream::name).toList(),
                "parents before their children");
        SourceStream items = streams.get(2);
        assertEquals(List.of("order_id", "order_item_id"), items.key(), "a composite key");
        assertEquals("orders", items.parent().name());
        assertEquals(List.of("order_id"), items.parentKey(), "the parent key's names by default");
        assertEquals(List.of("price", "freight_value"), items.sums());
        assertEquals(List.of(), streams.get(0).sums());
        assertEquals("olist.order_items.raw", items.rawTopic());
        assertEquals(5000, streams.get(0).chunkSize());
        assertEquals(100, streams.get(1).chunkSize());
        assertNull(streams.get(1).cursor());
        SourcesConfig.Source source = bind(olist()).all().get("olist");
        assertEquals(Duration.ofMinutes(5), source.lag());
        assertEquals("jdbc:postgresql://127.0.0.1:5432/olist?…", SourcesConfig.redacted(source.url()),
                "a URL is shown without its query string (a password may be there)");
    }

    @Test
    void aWrongStreamNamesItsKey() {
        Map<String, String> noCursor = olist();
        noCursor.remove("pipeline.sources.olist.streams.orders.cursor");
        assertMessage(noCursor, "pipeline.sources.olist.streams.orders.cursor");
        Map<String, String> orphan = olist();
        orphan.put("pipeline.sources.olist.streams.order_items.parent", "order");
        assertMessage(orphan, "pipeline.sources.olist.streams.order_items.parent: no stream 'order'");
        Map<String, String> snapshotParent = olist();
        snapshotParent.put("pipeline.sources.olist.streams.order_items.parent", "sellers");
        assertMessage(snapshotParent, "sellers is not incremental");
        Map<String, String> injected = olist();
        injected.put("pipeline.sources.olist.streams.sellers.key", "seller_id; drop table x");
        assertMessage(injected, "pipeline.sources.olist.streams.sellers.key");
        Map<String, String> parentKey = olist();
        parentKey.put("pipeline.sources.olist.streams.order_items.parent-key", "order_id,order_item_id");
        assertMessage(parentKey, "2 columns for the 1 of orders's key");
    }

    private static void assertMessage(Map<String, String> properties, String expected) {
        SourcesConfig config = bind(properties);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SourceStream.all(config));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
