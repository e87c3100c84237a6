package com.multistore.elt.simulator.service;

import com.multistore.elt.simulator.config.SimulatorConfig;
import com.multistore.elt.simulator.config.SimulatorConfig.ShopConfig;
import com.multistore.elt.simulator.config.SimulatorConfig.ShopKind;
import com.multistore.elt.simulator.model.ShopData;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import com.multistore.elt.simulator.graphql.GraphqlEngine;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The configured shops; their data is generated in the background as the application starts. */
@ApplicationScoped
public class ShopRegistry {
    private static final Logger LOG = Logger.getLogger(ShopRegistry.class);

    private final SimulatorConfig config;
    private final Clock clock;
    private final Map<String, ShopRuntime> shops = new TreeMap<>();
    private final ExecutorService generator = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "shop-generator");
        t.setDaemon(true);
        return t;
    });

    public ShopRegistry(SimulatorConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        Map<Long, String> bases = new HashMap<>();
        config.shops().forEach((code, shop) -> {
            long base = ShopGenerator.baseOf(code);
            String clash = bases.put(base, code);
            if (clash != null) {
                throw new IllegalStateException("shops " + clash + " and " + code + " map to the same id range; rename one");
            }
            double max = shop.maximumAvailable().orElse(config.bucket().maximumAvailable());
            double rate = shop.restoreRate().orElse(config.bucket().restoreRate());
            String model = shop.costModel().orElse(config.cost().model());
            QueryCost.byName(model, 1);
            shops.put(code, new ShopRuntime(code, shop, new Bucket(max, rate), model, base + ShopData.BULK));
        });
        shops.keySet().forEach(this::regenerate);
    }

    /**
     * Start-up stays light: shops are generated when first asked for, or in the background once the application
     * has started ({@code simulator.generate-after}), then the GraphQL engine is warmed up.
     */
    void onStart(@Observes StartupEvent event, Instance<GraphqlEngine> engine) {
        LOG.infof("serving shops %s (generated on first use or %d ms after start)", shops.keySet(),
                config.generateAfter().toMillis());
        Thread warmUp = new Thread(() -> {
            try {
                Thread.sleep(config.generateAfter().toMillis());
                shops.values().forEach(ShopRuntime::start);
                generator.submit(() -> engine.get().schema());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shop-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    public ShopRuntime find(String code) {
        return code == null ? null : shops.get(code);
    }

    public Collection<ShopRuntime> all() {
        return shops.values();
    }

    public LocalDate anchorDate() {
        return config.anchorDate().orElseGet(() -> LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    /** (Re)builds a shop's data from its seed in the background; the next request waits for it. */
    public void regenerate(String code) {
        regenerate(code, false);
    }

    /** As {@link #regenerate(String)}; {@code now} starts generating at once (a reset). */
    public void regenerate(String code, boolean now) {
        boolean started = now;
        ShopRuntime runtime = shops.get(code);
        ShopConfig shop = runtime.config();
        int rank = standardCodes().indexOf(code);
        LocalDate anchor = anchorDate();
        runtime.load(() -> {
            long start = System.nanoTime();
            ShopData data = new ShopGenerator(code, shop, config.sharedSeed(), Math.max(rank, 0), anchor).generate();
            LOG.infof("shop %s generated: %d orders, %d customers, %d products, %d variants in %d ms", code,
                    data.orders.size(), data.customers.size(), data.products.size(), data.variants.size(),
                    (System.nanoTime() - start) / 1_000_000);
            return data;
        }, generator);
        if (started) {
            runtime.start();
        }
    }

    private List<String> standardCodes() {
        List<String> codes = new ArrayList<>();
        shops.forEach((code, r) -> {
            if (r.config().kind() == ShopKind.STANDARD) {
                codes.add(code);
            }
        });
        return codes;
    }
}
