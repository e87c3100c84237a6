package com.multistore.elt.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * The PostgreSQL database of one test run: its JDBC coordinates, plain JDBC access for assertions, and a way to
 * cut the application off from it (to prove readiness reports DOWN).
 */
public final class TestDatabase {

    private final String adminUrl;
    private final String url;
    private final String name;
    private final String user;
    private final String password;

    TestDatabase(String adminUrl, String url, String name, String user, String password) {
        this.adminUrl = adminUrl;
        this.url = url;
        this.name = name;
        this.user = user;
        this.password = password;
    }

    public String url() {
        return url;
    }

    public String name() {
        return name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, credentials());
    }

    /** Runs a query that returns one number (count(*), max(...)), for assertions. */
    public long queryForLong(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no row from: " + sql);
            }
            return rs.getLong(1);
        }
    }

    /** Runs a query that returns one text value (or null), for assertions. */
    public String queryForString(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no row from: " + sql);
            }
            return rs.getString(1);
        }
    }

    /** Waits until a query's number is {@code expected}; fails naming the query when it is not within {@code timeout}. */
    public void awaitLong(String sql, long expected, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (queryForLong(sql) != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + expected + " within " + timeout + ": " + sql);
            }
            Thread.sleep(100);
        }
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * Makes the database unreachable for everyone (existing sessions are terminated, new ones refused) until the
     * returned handle is closed.
     */
    public Outage cutOff() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("alter database " + quoted() + " with allow_connections false");
            s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + name + "'"
                    + " and pid <> pg_backend_pid()");
        }
        return () -> {
            try (Connection c = admin(); Statement s = c.createStatement()) {
                s.execute("alter database " + quoted() + " with allow_connections true");
            }
        };
    }

    /**
     * Drops the database and creates it again under the same name, empty (no schema: a service's Flyway migrates it
     * at its next start). Whoever is still connected is disconnected.
     */
    public void recreate() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + quoted() + " with (force)");
            s.execute("create database " + quoted());
        }
    }

    Connection admin() throws SQLException {
        return DriverManager.getConnection(adminUrl, credentials());
    }

    String quoted() {
        return '"' + name + '"';
    }

    private Properties credentials() {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    /** An outage of the database; closing it lets connections in again. */
    @FunctionalInterface
    public interface Outage extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }
}
