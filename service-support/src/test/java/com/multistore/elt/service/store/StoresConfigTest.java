package com.multistore.elt.service.store;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one store mapping, bound as the services bind it (unknown keys under pipeline.stores are errors). */
class StoresConfigTest {

    private static StoresConfig bind(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 300))
                .withMapping(StoresConfig.class)
                .build();
        return config.getConfigMapping(StoresConfig.class);
    }

    private static final Map<String, String> RETAIL = Map.of(
            "pipeline.stores.retail.base-url", "http://127.0.0.1:8090/shops/retail",
            "pipeline.stores.retail.access-token", "shpat_x",
            "pipeline.stores.retail.channel", "B2C",
            "pipeline.stores.retail.time-zone", "America/New_York");

    @Test
    void aStoreBindsWithItsZoneAndDefaults() {
        StoresConfig stores = bind(RETAIL);
        assertEquals(ZoneId.of("America/New_York"), stores.zoneOf("retail"));
        assertEquals(100, stores.store("retail").inventoryPriority());
        assertEquals(List.of(), StoreSettingsCheck.problems(stores, true));
        UnknownStoreException unknown = assertThrows(UnknownStoreException.class, () -> stores.zoneOf("wholesale"));
        assertTrue(unknown.getMessage().contains("pipeline.stores.wholesale"), unknown.getMessage());
    }

    @Test
    void aMisspeltStoreKeyStopsTheBindingAndIsNamed() {
        Map<String, String> typo = new java.util.HashMap<>(RETAIL);
        typo.put("pipeline.stores.retail.time-zon", "America/Chicago");
        RuntimeException e = assertThrows(RuntimeException.class, () -> bind(typo));
        assertTrue(e.getMessage().contains("pipeline.stores.retail.time-zon"), e.getMessage());
    }

    @Test
    void aStoreWithoutItsTimeZoneIsRefusedNamingTheKey() {
        Map<String, String> noZone = new java.util.HashMap<>(RETAIL);
        noZone.remove("pipeline.stores.retail.time-zone");
        RuntimeException e = assertThrows(RuntimeException.class, () -> bind(noZone));
        assertTrue(e.getMessage().contains("pipeline.stores.retail.time-zone"), e.getMessage());
    }

    @Test
    void settingsTheTypesCannotCheckAreNamed() {
        StoresConfig stores = bind(Map.of(
                "pipeline.stores.bakery.channel", "B2C",
                "pipeline.stores.bakery.time-zone", "Asia/Kolkata",
                "pipeline.stores.bakery.currency", "rupees"));
        List<String> problems = StoreSettingsCheck.problems(stores, true);
        assertEquals(List.of("pipeline.stores.bakery.currency is not an ISO 4217 code: 'rupees'",
                "pipeline.stores.bakery.base-url or pipeline.stores.bakery.shop-domain is required",
                "pipeline.stores.bakery.access-token or pipeline.stores.bakery.access-token-secret is required"), problems);
        assertEquals(1, StoreSettingsCheck.problems(stores, false).size(), "a service that calls no store needs no address");
    }
}
