package com.multistore.elt.transformer;

import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.testing.InjectTestDatabase;
import com.multistore.elt.testing.TestDatabase;
import com.multistore.elt.events.EventJson;
import com.multistore.elt.transformer.service.RunContext;
import com.multistore.elt.transformer.service.TransformQueue;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Shared set-up of the tests that run a run's merges directly (through the same queue the barrier uses). */
abstract class TransformTestsBase {

    @InjectTestDatabase
    TestDatabase database;

    @Inject
    TransformQueue queue;

    /**
     * The merges' "now" in these tests (etl.as_of): a fixed instant, the transformer's clock in the test profile
     * ({@code %test.pipeline.clock.fixed}), so that a mart rule relative to today (this week, the future) never depends
     * on the hour the tests run at.
     */
    static final Instant AS_OF = Instant.parse("2026-11-25T10:00:00Z");

    static String newRunId() {
        return "run-" + UUID.randomUUID();
    }

    /** Records the run as claimed (attempt 1) and runs its merges and checks; returns the published outcome. */
    TransformCompleted transform(String runId, LocalDate businessDate) throws Exception {
        return transform(runId, Map.of("retail", businessDate, "wholesale", businessDate, "bakery", businessDate));
    }

    /** As {@link #transform(String, LocalDate)}, with each store's own business date. */
    TransformCompleted transform(String runId, Map<String, LocalDate> businessDates) throws Exception {
        String dates = EventJson.mapper().writeValueAsString(businessDates);
        database.execute("insert into ops.etl_runs (run_id, trigger, business_dates, plan, status, transform_attempts)"
                + " values ('" + runId + "', 'MANUAL', '" + dates + "', '[]', 'RUNNING', 1)");
        return queue.submit(new RunContext(runId, 1, dates, AS_OF)).get(120, TimeUnit.SECONDS);
    }

    TransformCompleted transform(String runId) throws Exception {
        return transform(runId, LocalDate.of(2026, 11, 22));
    }

    String queryForString(String sql) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("no row from: " + sql);
            }
            return rs.getString(1);
        }
    }
}
