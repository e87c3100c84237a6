package com.multistore.elt.transformer.rest;

import com.multistore.elt.service.sql.SqlFiles;
import com.multistore.elt.transformer.repository.DataQualityRepository;
import io.agroal.api.AgroalDataSource;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /runs/{id}}: a run's transform outcome as the transformer recorded it: status and error, attempts, the
 * reconciliation with the source (every row of ops.reconciliation) and the data-quality checks that did not pass.
 */
@Path("/runs")
public class RunResource {

    private final AgroalDataSource dataSource;
    private final DataQualityRepository dataQuality;

    public RunResource(AgroalDataSource dataSource, DataQualityRepository dataQuality) {
        this.dataSource = dataSource;
        this.dataQuality = dataQuality;
    }

    @GET
    @Path("{id}")
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    public Response run(@PathParam("id") String runId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            RunView run;
            try (PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/ops/transformer/run_outcome.sql"))) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Response.status(404).entity(Map.of("error", "no run " + runId)).build();
                    }
                    run = new RunView(rs.getString("run_id"), rs.getString("trigger"), rs.getString("status"),
                            rs.getString("error"), rs.getInt("transform_attempts"), rs.getString("business_dates"),
                            instant(rs, "started_at"), instant(rs, "ended_at"), new ArrayList<>(), List.of());
                }
            }
            try (PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/ops/transformer/reconciliation_rows.sql"))) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        run.reconciliation().add(new Row(rs.getString("store"), rs.getString("entity"),
                                rs.getString("metric"), rs.getBigDecimal("source"), rs.getBigDecimal("warehouse"),
                                rs.getBigDecimal("difference"), rs.getString("status"), rs.getString("note")));
                    }
                }
            }
            return Response.ok(new RunView(run.runId(), run.trigger(), run.status(), run.error(), run.attempts(),
                    run.businessDates(), run.startedAt(), run.endedAt(), run.reconciliation(),
                    dataQuality.notPassed(runId))).build();
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** The run; {@code businessDates} is the recorded JSON (store -> date). */
    public record RunView(String runId, String trigger, String status, String error, int attempts, String businessDates,
                          Instant startedAt, Instant endedAt, List<Row> reconciliation,
                          List<DataQualityRepository.CheckResult> dataQuality) {
    }

    /** One reconciliation row: warehouse - source = difference; OK | WARN | ERROR, and why. */
    public record Row(String store, String entity, String metric, BigDecimal source, BigDecimal warehouse,
                      BigDecimal difference, String status, String note) {
    }
}
