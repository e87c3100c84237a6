package com.multistore.elt.transformer.repository;

import com.multistore.elt.service.sql.SqlFiles;
import com.multistore.elt.transformer.model.DeclaredTest;
import com.multistore.elt.transformer.model.DeclaredTest.Kind;
import com.multistore.elt.transformer.model.DeclaredTestFile;
import com.multistore.elt.transformer.service.RunContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a dataset's declared tests of a run in one transaction (the run's timeouts apply to each statement): each test's
 * SQL ({@code sql/checks/tests/<kind>.sql}, written for its model and columns) counts the failing rows and keeps a few
 * examples, and its outcome goes to ops.dq_results as {@code <dataset>.<test>}; a retried try replaces the rows.
 */
@ApplicationScoped
public class DeclaredTestRepository {

    private final MergeScriptRunner scripts;

    public DeclaredTestRepository(MergeScriptRunner scripts) {
        this.scripts = scripts;
    }

    /** Runs the tests and records their outcomes; returns them. */
    public List<Outcome> run(RunContext run, String dataset, List<DeclaredTest> tests) throws SQLException {
        return scripts.inTransaction(run, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from ops.dq_results where run_id = ? and dataset = ?")) {
                ps.setString(1, run.runId());
                ps.setString(2, dataset);
                ps.executeUpdate();
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (DeclaredTest test : tests) {
                Outcome outcome = measure(c, test);
                record(c, run, outcome);
                outcomes.add(outcome);
            }
            return outcomes;
        });
    }

    private static Outcome measure(Connection c, DeclaredTest test) throws SQLException {
        String sql = SqlFiles.text("sql/checks/tests/" + test.kind().code() + ".sql", DeclaredTestFile.placeholders(test));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (test.kind() == Kind.ACCEPTED_VALUES) {
                ps.setArray(1, c.createArrayOf("text", test.values().toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long failures = rs.getLong(1);
                String status = test.status(failures);
                return new Outcome(test, failures, status, rs.getString(2));
            }
        } catch (SQLException e) {
            throw new SQLException("declared test " + test.checkName() + " (" + test.model() + "): " + e.getMessage(),
                    e.getSQLState(), e);
        }
    }

    private static void record(Connection c, RunContext run, Outcome outcome) throws SQLException {
        DeclaredTest test = outcome.test();
        try (PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/checks/tests/record_result.sql"))) {
            ps.setString(1, run.runId());
            ps.setString(2, test.checkName());
            ps.setString(3, test.severity().name());
            ps.setString(4, outcome.status());
            ps.setBigDecimal(5, BigDecimal.valueOf(outcome.failures()));
            ps.setBigDecimal(6, BigDecimal.valueOf(test.thresholdFor(outcome.status()).value()));
            ps.setString(7, outcome.details());
            ps.setString(8, test.dataset());
            ps.setString(9, test.model());
            ps.setString(10, test.kind().code());
            ps.setString(11, outcome.examples());
            ps.executeUpdate();
        }
    }

    /** A test's result: the failing count (rows, or keys for unique), its status and up to 5 examples (JSON). */
    public record Outcome(DeclaredTest test, long failures, String status, String examples) {

        /** The examples in the details (and so in the run's error and alert) are cut to this many characters. */
        static final int MAX_EXAMPLES_TEXT = 400;

        public String details() {
            DeclaredTest t = test;
            String what = switch (t.kind()) {
                case UNIQUE -> "keys (" + String.join(", ", t.columns()) + ") of " + t.model() + " on more than one row";
                case NOT_NULL -> "rows of " + t.model() + " without " + t.columns().get(0);
                case ACCEPTED_VALUES -> "rows of " + t.model() + " whose " + t.columns().get(0) + " is not one of "
                        + t.values();
                case RELATIONSHIPS -> "rows of " + t.model() + " whose (" + String.join(", ", t.columns())
                        + ") is not in " + t.to() + " (" + String.join(", ", t.fields()) + ")";
            };
            String rule = t.severity() == DeclaredTest.Severity.ERROR
                    ? "error_if " + t.errorIf() + ", warn_if " + t.warnIf() : "warn_if " + t.warnIf();
            return failures + " " + what + (t.where() == null ? "" : " where " + t.where()) + " (" + rule + ")"
                    + (examples == null ? "" : ", e.g. " + (examples.length() > MAX_EXAMPLES_TEXT
                    ? examples.substring(0, MAX_EXAMPLES_TEXT) + "…" : examples));
        }
    }
}
