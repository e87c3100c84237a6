package com.multistore.elt.transformer.service;

import com.multistore.elt.events.TransformCompleted;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs the transforms one at a time on their own thread: merges of two runs never interleave, and the Kafka
 * consumers are never held for the length of a run.
 */
@ApplicationScoped
public class TransformQueue {

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "transform-worker");
        t.setDaemon(true);
        return t;
    });

    private final TransformService transforms;

    public TransformQueue(TransformService transforms) {
        this.transforms = transforms;
    }

    public CompletableFuture<TransformCompleted> submit(RunContext run) {
        return CompletableFuture.supplyAsync(() -> transforms.transform(run), worker);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
