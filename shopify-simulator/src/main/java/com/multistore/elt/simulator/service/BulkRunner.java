package com.multistore.elt.simulator.service;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.multistore.elt.simulator.config.SimulatorConfig;
import com.multistore.elt.simulator.graphql.BulkJsonl;
import com.multistore.elt.simulator.graphql.BulkOperationView;
import com.multistore.elt.simulator.graphql.BulkQueryCheck;
import com.multistore.elt.simulator.graphql.GraphqlEngine;
import com.multistore.elt.simulator.graphql.RootFetchers;
import com.multistore.elt.simulator.graphql.Selections;
import com.multistore.elt.simulator.graphql.ShopSession;
import com.multistore.elt.simulator.graphql.Values;
import graphql.ExecutionResult;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs bulk query jobs: validates, enforces the per-version concurrency rule, executes the query chunk by chunk in
 * the background and streams the JSONL file (flat memory), grouped or interleaved, with lifecycle and faults.
 */
@ApplicationScoped
public class BulkRunner implements RootFetchers.BulkControl {
    private static final Logger LOG = Logger.getLogger(BulkRunner.class);

    private final SimulatorConfig config;
    private final Clock clock;
    private final Instance<GraphqlEngine> engine;
    private final ObjectMapper jsonl;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bulk-job");
        t.setDaemon(true);
        return t;
    });
    private final Path directory;
    /** A temporary directory (no simulator.bulk.directory) is removed when the application stops. */
    private final boolean temporary;

    public BulkRunner(SimulatorConfig config, Clock clock, Instance<GraphqlEngine> engine, ObjectMapper json) {
        this.config = config;
        this.clock = clock;
        this.engine = engine;
        this.jsonl = json.copy();
        this.jsonl.getFactory().setCharacterEscapes(new SlashEscapes());
        this.temporary = config.bulk().directory().isEmpty();
        try {
            this.directory = config.bulk().directory().isPresent()
                    ? Files.createDirectories(Path.of(config.bulk().directory().get()))
                    : Files.createTempDirectory("shopify-simulator-bulk");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
        if (temporary) {
            try (var files = Files.list(directory)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(directory);
            } catch (IOException e) {
                LOG.warnf("could not remove the bulk file directory %s: %s", directory, e.getMessage());
            }
        }
    }

    public Path file(String shop, long id) {
        return directory.resolve(shop + "-bulk-" + id + ".jsonl");
    }

    @Override
    public Map<String, Object> run(ShopSession session, String query, boolean groupObjects) {
        ShopRuntime shop = session.runtime;
        List<String> problems = new BulkQueryCheck(engine.get().schema()).problems(query);
        if (!problems.isEmpty()) {
            List<Map<String, Object>> errors = new ArrayList<>();
            problems.forEach(p -> errors.add(userError(List.of("query"), p, "INVALID")));
            return payload(null, errors);
        }
        BulkOperation op;
        synchronized (shop.bulk) {
            List<BulkOperation> active = shop.bulk.active();
            boolean many = ApiVersions.atLeast(session.version, config.bulk().concurrencyVersion());
            int limit = many ? config.bulk().concurrentJobs() : 1;
            if (active.size() >= limit) {
                String running = Values.gid("BulkOperation", active.get(active.size() - 1).id);
                return payload(null, List.of(many
                        ? userError(null, "A maximum of " + limit + " bulk query operations can run at the same time "
                        + "for this app and shop; one of them: " + running + ".", "LIMIT_REACHED")
                        : userError(null, "A bulk query operation for this app and shop is already in progress: "
                        + running + ".", "OPERATION_IN_PROGRESS")));
            }
            long id = shop.bulk.nextId();
            op = new BulkOperation(id, query, groupObjects, clock.instant().getEpochSecond(), file(shop.code, id));
            shop.bulk.add(op);
        }
        boolean doomed = Faults.take(shop.faults.bulkFailures);
        long failAfter = shop.faults.bulkFailAfterObjects;
        LOG.infof("shop %s bulk operation %d created (groupObjects %s%s)", shop.code, op.id, groupObjects,
                doomed ? ", will fail after " + failAfter + " objects" : "");
        workers.submit(() -> execute(shop, op, session.baseUrl, session.version, doomed ? failAfter : -1));
        return payload(new BulkOperationView(op), List.of());
    }

    @Override
    public Map<String, Object> cancel(ShopSession session, String gid) {
        BulkOperation op = session.runtime.bulk.find(Values.idOf(gid, "BulkOperation"));
        if (op == null) {
            return payload(null, List.of(userError(List.of("id"), "Bulk operation does not exist", null)));
        }
        if (!op.active()) {
            return payload(new BulkOperationView(op), List.of(userError(null, "A bulk operation cannot be canceled when it is "
                    + op.status.toLowerCase(), null)));
        }
        op.cancelRequested = true;
        op.status = "CANCELING";
        return payload(new BulkOperationView(op), List.of());
    }

    private void execute(ShopRuntime shop, BulkOperation op, String baseUrl, String version, long failAfter) {
        try {
            if (!op.cancelRequested) {
                op.status = "RUNNING";
            }
            GraphqlEngine graphql = engine.get();
            Document doc = Parser.parse(op.query);
            Selections selections = new Selections(graphql.schema(), doc);
            OperationDefinition operation = doc.getDefinitionsOfType(OperationDefinition.class).get(0);
            Selections.Selected root = selections.fields(operation.getSelectionSet(), graphql.schema().getQueryType()).get(0);
            BulkJsonl lines0 = new BulkJsonl(selections);
            String after = null;
            int chunkNo = 0;
            try (BufferedWriter out = Files.newBufferedWriter(op.file, StandardCharsets.UTF_8)) {
                do {
                    if (op.cancelRequested) {
                        finish(shop, op, "CANCELED", null, baseUrl);
                        return;
                    }
                    ShopSession session = new ShopSession(shop, clock, baseUrl, version, "bulk-" + op.id, true, after,
                            config.bulk().chunkSize());
                    ExecutionResult result = graphql.execute(session, op.query, Map.of(), null);
                    if (!result.getErrors().isEmpty()) {
                        LOG.warnf("shop %s bulk operation %d failed: %s", shop.code, op.id, result.getErrors().get(0).getMessage());
                        out.flush();
                        finish(shop, op, "FAILED", "INTERNAL_SERVER_ERROR", baseUrl);
                        return;
                    }
                    Map<String, Object> data = result.getData();
                    List<BulkJsonl.Line> lines = new ArrayList<>();
                    lines0.rootConnection(root, data.get(root.key()), lines::add);
                    if (!op.groupObjects) {
                        lines = interleave(lines, new Random(op.id * 31 + chunkNo));
                    }
                    for (BulkJsonl.Line line : lines) {
                        if (failAfter >= 0 && op.objectCount.get() >= failAfter) {
                            out.flush();
                            finish(shop, op, "FAILED", "INTERNAL_SERVER_ERROR", baseUrl);
                            return;
                        }
                        out.write(jsonl.writeValueAsString(line.object()));
                        out.write('\n');
                        op.objectCount.incrementAndGet();
                        if (line.depth() == 0) {
                            op.rootObjectCount.incrementAndGet();
                        }
                    }
                    out.flush();
                    after = session.bulkNextCursor;
                    chunkNo++;
                    long pause = config.bulk().chunkPauseMillis() + shop.faults.bulkPauseMillis;
                    for (long waited = 0; waited < pause && after != null && !op.cancelRequested; waited += 20) {
                        Thread.sleep(Math.min(20, pause - waited));
                    }
                } while (after != null);
            }
            finish(shop, op, op.cancelRequested ? "CANCELED" : "COMPLETED", null, baseUrl);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(shop, op, "FAILED", "INTERNAL_SERVER_ERROR", baseUrl);
        } catch (RuntimeException | IOException e) {
            LOG.errorf(e, "shop %s bulk operation %d failed", shop.code, op.id);
            finish(shop, op, "FAILED", "INTERNAL_SERVER_ERROR", baseUrl);
        }
    }

    /** groupObjects:false: roots first, then each level's children in a seeded shuffle (never next to their parent). */
    private static List<BulkJsonl.Line> interleave(List<BulkJsonl.Line> lines, Random random) {
        List<List<BulkJsonl.Line>> levels = new ArrayList<>();
        for (BulkJsonl.Line l : lines) {
            while (levels.size() <= l.depth()) {
                levels.add(new ArrayList<>());
            }
            levels.get(l.depth()).add(l);
        }
        List<BulkJsonl.Line> out = new ArrayList<>(lines.size());
        for (int i = 0; i < levels.size(); i++) {
            List<BulkJsonl.Line> level = levels.get(i);
            if (i > 0) {
                Collections.shuffle(level, random);
            }
            out.addAll(level);
        }
        return out;
    }

    private void finish(ShopRuntime shop, BulkOperation op, String status, String errorCode, String baseUrl) {
        try {
            long size = Files.exists(op.file) ? Files.size(op.file) : 0;
            String url = fileUrl(baseUrl, shop.code, op.id);
            if (status.equals("COMPLETED")) {
                op.fileSize = size;
                op.url = op.objectCount.get() == 0 ? null : url;
            } else if (status.equals("FAILED") && op.objectCount.get() > 0) {
                op.partialDataUrl = url;
            }
        } catch (IOException e) {
            LOG.errorf(e, "shop %s bulk operation %d: cannot size its file", shop.code, op.id);
        }
        op.errorCode = errorCode;
        op.completedAt = clock.instant().getEpochSecond();
        op.status = status;
        LOG.infof("shop %s bulk operation %d %s: %d objects", shop.code, op.id, status, op.objectCount.get());
    }

    /** A signed-looking download URL that expires like Shopify's (Expires, content disposition). */
    private String fileUrl(String baseUrl, String shop, long id) {
        long expires = clock.instant().getEpochSecond() + config.bulk().urlDays() * 86_400L;
        return baseUrl + "/simulator/bulk/" + shop + "/bulk-" + id + ".jsonl?Expires=" + expires
                + "&response-content-disposition=attachment%3B+filename%3D%22bulk-" + id + ".jsonl%22"
                + "&response-content-type=application%2Fjsonl";
    }

    private static Map<String, Object> payload(Object op, List<Map<String, Object>> errors) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bulkOperation", op);
        m.put("userErrors", errors);
        return m;
    }

    private static Map<String, Object> userError(List<String> field, String message, String code) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("field", field);
        m.put("message", message);
        m.put("code", code);
        return m;
    }

    /** Shopify's files escape slashes: gid:\/\/shopify\/Order\/1. */
    private static final class SlashEscapes extends CharacterEscapes {
        private final int[] escapes;

        SlashEscapes() {
            escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            escapes['/'] = CharacterEscapes.ESCAPE_CUSTOM;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == '/' ? new SerializedString("\\/") : null;
        }
    }
}
