package com.multistore.elt.transformer.repository;

import com.multistore.elt.service.sql.SqlFiles;
import com.multistore.elt.transformer.config.BakeryConfig;
import com.multistore.elt.transformer.config.DataQualityConfig;
import com.multistore.elt.transformer.config.TransformerConfig;
import com.multistore.elt.transformer.service.RunContext;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Runs one SQL file of a run in its own transaction. The run is given to the SQL as transaction-local settings
 * ({@code etl.run_id}, {@code etl.business_dates} (JSON store -> date), {@code etl.as_of}, {@code etl.week_start_isodow},
 * {@code etl.dq_*}), so the same file runs unchanged from psql after {@code set etl.run_id = '...'}.
 * The file's last statement is a query whose first row's last column is the job's row count.
 */
@ApplicationScoped
public class MergeScriptRunner {

    private static final String SETTINGS = "select set_config('etl.run_id', ?, true), set_config('etl.business_dates', ?, true),"
            + " set_config('etl.as_of', ?, true), set_config('etl.week_start_isodow', ?, true),"
            + " set_config('etl.dq_freshness_hours', ?, true), set_config('etl.dq_max_drop_ratio', ?, true),"
            + " set_config('lock_timeout', ?, true), set_config('statement_timeout', ?, true),"
            + " set_config('etl.dq_dead_letters_warn', ?, true)";

    private final AgroalDataSource dataSource;
    private final TransformerConfig config;
    private final BakeryConfig bakery;
    private final DataQualityConfig dq;

    public MergeScriptRunner(AgroalDataSource dataSource, TransformerConfig config, BakeryConfig bakery,
                             DataQualityConfig dq) {
        this.dataSource = dataSource;
        this.config = config;
        this.bakery = bakery;
        this.dq = dq;
    }

    /** Executes the script and commits; on any error rolls back and throws. Returns the script's row count. */
    public long run(RunContext run, String scriptPath) throws SQLException {
        return run(run, scriptPath, Map.of());
    }

    /**
     * As {@link #run(RunContext, String)}, with more transaction-local settings for the script (a dataset's models:
     * {@code etl.dataset_sources}, its source instances in the run, comma-separated).
     */
    public long run(RunContext run, String scriptPath, Map<String, String> settings) throws SQLException {
        String script = SqlFiles.text(scriptPath);
        return inTransaction(run, c -> {
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                try (PreparedStatement ps = c.prepareStatement("select set_config(?, ?, true)")) {
                    ps.setString(1, setting.getKey());
                    ps.setString(2, setting.getValue());
                    ps.executeQuery().close();
                }
            }
            return execute(c, script);
        });
    }

    /**
     * Runs work on one connection in one transaction with the run's settings (timeouts included), and commits; on any
     * error rolls back and throws.
     */
    public <T> T inTransaction(RunContext run, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                applySettings(c, run);
                T result = work.on(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** Statements of one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection c) throws SQLException;
    }

    private void applySettings(Connection c, RunContext run) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SETTINGS)) {
            ps.setString(1, run.runId());
            ps.setString(2, run.businessDatesJson());
            ps.setString(3, run.asOf().toString());
            ps.setString(4, String.valueOf(bakery.weekStart().getValue()));
            ps.setString(5, String.valueOf(dq.freshnessHours()));
            ps.setString(6, String.valueOf(dq.maxDropRatio()));
            ps.setString(7, config.lockTimeout().toMillis() + "ms");
            ps.setString(8, config.statementTimeout().toMillis() + "ms");
            ps.setString(9, dq.deadLettersWarned());
            ps.executeQuery().close();
        }
    }

    private static long execute(Connection c, String script) throws SQLException {
        long rows = 0;
        try (Statement s = c.createStatement()) {
            boolean isResult = s.execute(script);
            while (true) {
                if (isResult) {
                    try (ResultSet rs = s.getResultSet()) {
                        if (rs.next()) {
                            rows = rs.getLong(rs.getMetaData().getColumnCount());
                        }
                    }
                } else if (s.getUpdateCount() == -1) {
                    return rows;
                }
                isResult = s.getMoreResults();
            }
        }
    }
}
