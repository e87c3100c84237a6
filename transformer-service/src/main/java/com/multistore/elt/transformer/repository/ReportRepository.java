package com.multistore.elt.transformer.repository;

import com.multistore.elt.service.sql.SqlFiles;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads the bakery marts as the last run left them (never computes them). */
@ApplicationScoped
public class ReportRepository {

    private final AgroalDataSource dataSource;

    public ReportRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<BakeRequest> bakeSchedule() throws SQLException {
        List<BakeRequest> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/report/bake_schedule.sql"));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new BakeRequest(rs.getString("store"), rs.getString("request_key"),
                        rs.getObject("event_datetime", OffsetDateTime.class), rs.getObject("event_local", LocalDateTime.class),
                        rs.getString("customer_name"), rs.getString("customer_email"), rs.getString("flavor"),
                        rs.getString("theme"), rs.getString("details"), rs.getString("deposit_order_name"),
                        rs.getString("deposit_status"), rs.getString("remaining_order_name"), rs.getString("remaining_status"),
                        rs.getObject("week_start", LocalDate.class), rs.getString("computed_run_id"),
                        rs.getObject("computed_at", OffsetDateTime.class)));
            }
        }
        return rows;
    }

    public List<FutureOrder> futureOrders() throws SQLException {
        List<FutureOrder> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SqlFiles.text("sql/report/future_orders.sql"));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new FutureOrder(rs.getString("store"), rs.getLong("order_id"), rs.getString("order_name"),
                        rs.getString("order_type"), rs.getString("request_key"),
                        rs.getObject("event_datetime", OffsetDateTime.class), rs.getObject("event_local", LocalDateTime.class),
                        rs.getString("financial_status"), rs.getString("customer_name"), rs.getString("customer_email"),
                        rs.getString("flavor"), rs.getString("theme"), rs.getBoolean("deposit_missing"),
                        rs.getBoolean("remaining_missing"), rs.getString("computed_run_id"),
                        rs.getObject("computed_at", OffsetDateTime.class)));
            }
        }
        return rows;
    }

    /** A row of mart.bake_schedule_week. */
    public record BakeRequest(String store, String requestKey, OffsetDateTime eventDatetime, LocalDateTime eventLocal,
                              String customerName, String customerEmail, String flavor, String theme, String details,
                              String depositOrderName, String depositStatus, String remainingOrderName,
                              String remainingStatus, LocalDate weekStart, String computedRunId,
                              OffsetDateTime computedAt) {
    }

    /** A row of mart.future_orders. */
    public record FutureOrder(String store, long orderId, String orderName, String orderType, String requestKey,
                              OffsetDateTime eventDatetime, LocalDateTime eventLocal, String financialStatus,
                              String customerName, String customerEmail, String flavor, String theme,
                              boolean depositMissing, boolean remainingMissing, String computedRunId,
                              OffsetDateTime computedAt) {
    }
}
