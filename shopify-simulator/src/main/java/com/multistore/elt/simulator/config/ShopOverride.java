package com.multistore.elt.simulator.config;

import com.multistore.elt.simulator.config.SimulatorConfig.ShopConfig;
import com.multistore.elt.simulator.config.SimulatorConfig.ShopKind;

import java.util.Optional;

/** A shop's configuration with the seed and sizes an admin reset asked for (null = keep). */
public record ShopOverride(ShopConfig base, Long seedValue, Integer ordersValue, Integer customersValue,
                           Integer productsValue) implements ShopConfig {
    public String token() {
        return base.token();
    }

    public long seed() {
        return seedValue != null ? seedValue : base.seed();
    }

    public ShopKind kind() {
        return base.kind();
    }

    public int orders() {
        return ordersValue != null ? ordersValue : base.orders();
    }

    public int customers() {
        return customersValue != null ? customersValue : base.customers();
    }

    public int products() {
        return productsValue != null ? productsValue : base.products();
    }

    public int variantsPerProduct() {
        return base.variantsPerProduct();
    }

    public int locations() {
        return base.locations();
    }

    public String currency() {
        return base.currency();
    }

    public String timeZone() {
        return base.timeZone();
    }

    public int historyDays() {
        return base.historyDays();
    }

    public double sharedRatio() {
        return base.sharedRatio();
    }

    public Optional<String> costModel() {
        return base.costModel();
    }

    public Optional<Double> maximumAvailable() {
        return base.maximumAvailable();
    }

    public Optional<Double> restoreRate() {
        return base.restoreRate();
    }
}
