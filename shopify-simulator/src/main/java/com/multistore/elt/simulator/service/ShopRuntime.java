package com.multistore.elt.simulator.service;

import com.multistore.elt.simulator.config.SimulatorConfig.ShopConfig;
import com.multistore.elt.simulator.model.ShopData;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/** One shop as served: its data (generated in the background at start), token, bucket, faults and bulk jobs. */
public final class ShopRuntime {
    public final String code;
    public final ShopConfig config;
    public final Bucket bucket;
    public final Faults faults = new Faults();
    public final BulkOperations bulk;
    private volatile String costModel;
    private volatile CompletableFuture<ShopData> data;

    public ShopRuntime(String code, ShopConfig config, Bucket bucket, String costModel, long bulkBase) {
        this.code = code;
        this.config = config;
        this.bucket = bucket;
        this.costModel = costModel;
        this.bulk = new BulkOperations(bulkBase);
    }

    public String token() {
        return config.token();
    }

    /** Generates the data on {@code executor} (one background thread for all shops, so start-up keeps a core). */
    public void load(Supplier<ShopData> generator, java.util.concurrent.Executor executor) {
        data = CompletableFuture.supplyAsync(generator, executor);
    }

    /** The shop's objects, waiting for the generator if it is still running. */
    public ShopData data() {
        try {
            return data.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the shop " + code + " was being generated", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("generating the shop " + code + " failed", e.getCause());
        }
    }

    public boolean ready() {
        return data != null && data.isDone() && !data.isCompletedExceptionally();
    }

    public String costModel() {
        return costModel;
    }

    public void costModel(String name) {
        this.costModel = name;
    }
}
