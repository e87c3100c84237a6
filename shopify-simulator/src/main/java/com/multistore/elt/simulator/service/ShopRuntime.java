package com.multistore.elt.simulator.service;

import com.multistore.elt.simulator.config.SimulatorConfig.ShopConfig;
import com.multistore.elt.simulator.model.ShopData;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** One shop as served: its data (generated in the background at start), token, bucket, faults and bulk jobs. */
public final class ShopRuntime {
    public final String code;
    private volatile ShopConfig config;
    public final Bucket bucket;
    public final Faults faults = new Faults();
    public final BulkOperations bulk;
    private volatile String costModel;
    private CompletableFuture<ShopData> data;
    private Supplier<ShopData> generator;
    private Executor executor;

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

    public ShopConfig config() {
        return config;
    }

    /** Replaces the seed and sizes (admin reset); the token stays. */
    public void config(ShopConfig replacement) {
        this.config = replacement;
    }

    /** Sets how the data is made; it is made on {@code executor} when first needed or when {@link #start} is called. */
    public synchronized void load(Supplier<ShopData> generator, Executor executor) {
        this.generator = generator;
        this.executor = executor;
        this.data = null;
    }

    /** Starts generating in the background unless it already started. */
    public synchronized CompletableFuture<ShopData> start() {
        if (data == null) {
            data = CompletableFuture.supplyAsync(generator, executor);
        }
        return data;
    }

    /** The shop's objects, generating them first if nobody asked before. */
    public ShopData data() {
        try {
            return start().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the shop " + code + " was being generated", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("generating the shop " + code + " failed", e.getCause());
        }
    }

    public synchronized boolean ready() {
        return data != null && data.isDone() && !data.isCompletedExceptionally();
    }

    public String costModel() {
        return costModel;
    }

    public void costModel(String name) {
        this.costModel = name;
    }
}
