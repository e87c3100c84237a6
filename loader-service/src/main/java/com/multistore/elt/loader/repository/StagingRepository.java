package com.multistore.elt.loader.repository;

import com.multistore.elt.service.sql.SqlFiles;
import com.multistore.elt.events.Entity;
import com.multistore.elt.loader.service.Rejection;
import com.multistore.elt.loader.service.StageableRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Writes batches into {@code staging.<entity>} with COPY (into a temporary table, then one insert per entity that
 * skips rows already staged), and keeps the per-run counts and consumer positions in the same transaction.
 * Every method works on the caller's connection and transaction.
 */
@ApplicationScoped
public class StagingRepository {

    /**
     * Copies the records and moves them into staging; returns how many rows were new. Per run, the latest version of
     * a record wins, live and replay alike; a re-delivered copy changes nothing.
     */
    public long stage(Connection connection, Collection<StageableRecord> records) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(SqlFiles.text("sql/staging/create_batch_table.sql"));
            s.execute("truncate loader_batch");
        }
        CopyText copy = new CopyText();
        EnumSet<Entity> entities = EnumSet.noneOf(Entity.class);
        for (StageableRecord r : records) {
            entities.add(r.entity());
            copy.field(r.runId()).field(r.store()).field(r.entity().code()).field(r.gid())
                    .field(r.sourceUpdatedAt()).field(r.extractedAt()).field(r.payloadJson())
                    .field(r.source().topic()).field(r.source().partition()).field(r.source().offset())
                    .endRow();
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(SqlFiles.text("sql/staging/copy_batch.sql"), new ByteArrayInputStream(copy.bytes()));
        } catch (IOException e) {
            throw new SQLException("COPY into the batch table failed: " + e.getMessage(), e);
        }
        long staged = 0;
        for (Entity entity : entities) {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(SqlFiles.text("sql/staging/stage_entity.sql",
                    Map.of("entity", entity.code())))) {
                rs.next();
                staged += rs.getLong(1);
            }
        }
        return staged;
    }

    /** Moves the live consumer's position per partition forward to {@code nextOffset} (never backwards). */
    public void advancePositions(Connection connection, Map<String, Map<Integer, Long>> nextOffsets) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SqlFiles.text("sql/staging/advance_position.sql"))) {
            for (var topic : nextOffsets.entrySet()) {
                for (var partition : topic.getValue().entrySet()) {
                    ps.setString(1, topic.getKey());
                    ps.setInt(2, partition.getKey());
                    ps.setLong(3, partition.getValue());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /**
     * Keeps the attributable rejections (run, store and entity known) for a redrive and counts each once against its
     * load; a record read again (a re-delivery, a retried batch) is neither kept nor counted twice.
     */
    public void recordDeadLetters(Connection connection, List<Rejection> rejections) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SqlFiles.text("sql/staging/record_dead_letter.sql"))) {
            int rows = 0;
            for (Rejection r : rejections) {
                if (r.attributable()) {
                    ps.setString(1, r.runId());
                    ps.setString(2, r.store());
                    ps.setString(3, r.entity().code());
                    ps.setString(4, r.source().topic());
                    ps.setInt(5, r.source().partition());
                    ps.setLong(6, r.source().offset());
                    ps.setLong(7, r.source().timestamp());
                    ps.setString(8, r.source().key());
                    ps.setBytes(9, r.source().value() == null ? new byte[0] : r.source().value());
                    ps.setString(10, r.reason());
                    ps.addBatch();
                    rows++;
                }
            }
            if (rows > 0) {
                ps.executeBatch();
            }
        }
    }

    /** The next archive batch number of a (run, store, entity), recording the archived date. */
    public int nextArchiveBatch(Connection connection, String runId, String store, Entity entity, LocalDate date)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SqlFiles.text("sql/staging/next_archive_batch.sql"))) {
            ps.setString(1, runId);
            ps.setString(2, store);
            ps.setString(3, entity.code());
            ps.setString(4, date.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public void recordArchiveFailure(Connection connection, String runId, String store, Entity entity, String error)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SqlFiles.text("sql/staging/record_archive_failure.sql"))) {
            ps.setString(1, error);
            ps.setString(2, runId);
            ps.setString(3, store);
            ps.setString(4, entity.code());
            ps.executeUpdate();
        }
    }
}
