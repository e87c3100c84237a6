package com.multistore.elt.transformer.service;

import com.multistore.elt.events.TransformCompleted;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs the transforms one at a time on their own thread: merges of two runs never interleave, and the Kafka
 * consumers are never held for the length of a run. Each attempt that ends fires {@link RunEnded}, so runs that waited
 * for it can go next.
 */
@ApplicationScoped
public class TransformQueue {

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "transform-worker");
        t.setDaemon(true);
        return t;
    });

    private final TransformService transforms;
    private final Event<RunEnded> ended;

    public TransformQueue(TransformService transforms, Event<RunEnded> ended) {
        this.transforms = transforms;
        this.ended = ended;
    }

    public CompletableFuture<TransformCompleted> submit(RunContext run) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return transforms.transform(run);
            } finally {
                ended.fire(new RunEnded(run.runId()));
            }
        }, worker);
    }

    /** An attempt of a run ended (its outcome recorded, or not if recording failed). */
    public record RunEnded(String runId) {
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
