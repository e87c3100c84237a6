package com.multistore.elt.transformer;

import com.multistore.elt.events.Status;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.events.TransformCompleted.JobResult;
import io.quarkus.test.junit.QuarkusTest;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The merge time of the service for a generated run (opt-in: {@code -Dtransformer.bench.orders=100000}); compare
 * with {@code src/test/bench/merge-psql.sh}, which runs the same SQL files on the same generated rows with psql.
 * Pass 1 stages every order as new, pass 2 updates every order a day later.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "transformer.bench.orders", matches = "\\d+")
class MergeBenchmarkTests extends TransformTestsBase {

    private static final Logger LOG = Logger.getLogger(MergeBenchmarkTests.class);

    @Test
    void mergesAGeneratedRun() throws Exception {
        int orders = Integer.getInteger("transformer.bench.orders");
        String generator;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("bench/stage_bench_rows.sql")) {
            generator = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (int pass = 1; pass <= 2; pass++) {
            String runId = newRunId();
            long started = System.nanoTime();
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                s.execute("set bench.run_id = '" + runId + "'; set bench.orders = " + orders + "; set bench.shift_days = "
                        + (pass - 1));
                s.execute(generator);
                s.execute("analyze");
            }
            LOG.infof("BENCH pass %d: staged %d orders in %d ms", pass, orders, (System.nanoTime() - started) / 1_000_000);
            started = System.nanoTime();
            TransformCompleted outcome = transform(runId);
            long total = (System.nanoTime() - started) / 1_000_000;
            for (JobResult job : outcome.jobs()) {
                LOG.infof("BENCH pass %d: %-24s %7d ms %8d rows", pass, job.name(), job.durationMs(), job.rows());
            }
            LOG.infof("BENCH pass %d: total %d ms (sum of jobs %d ms)", pass, total,
                    outcome.jobs().stream().mapToLong(JobResult::durationMs).sum());
            assertEquals(Status.SUCCEEDED, outcome.status(), String.valueOf(outcome.jobs()));
            assertEquals(orders, outcome.jobs().stream().filter(j -> j.name().equals("fact_orders")).findFirst()
                    .orElseThrow().rows());
        }
        assertEquals(3L * orders, database.queryForLong("select count(*) from warehouse.fact_order_lines where sku like 'SKU-%'"));
    }
}
