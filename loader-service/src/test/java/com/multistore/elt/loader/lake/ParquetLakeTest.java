package com.multistore.elt.loader.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lake read back by another engine (DuckDB's own Parquet reader, hive partitioning): the same rows and types. */
class ParquetLakeTest {

    /** The payloads as the loader reads them (exact decimals, trailing zeros kept). */
    private static final ObjectMapper JSON = com.multistore.elt.events.EventJson.mapper();
    private static final List<LakeColumn> COLUMNS = List.of(new LakeColumn("order_id", "text"),
            new LakeColumn("price", "numeric(10,2)"), new LakeColumn("purchased", "timestamp"),
            new LakeColumn("zip", "text"), new LakeColumn("items", "int4"), new LakeColumn("paid", "bool"),
            new LakeColumn("at", "timestamptz"), new LakeColumn("ratio", "numeric"));

    @TempDir
    Path root;

    @Test
    void rowsComeBackWithTheirTypesUnderTheirBusinessDay() throws Exception {
        ParquetLake lake = new ParquetLake(root);
        List<ParquetLake.LakeRow> rows = List.of(
                row("2017-10-02", "{\"order_id\":\"a\",\"price\":129.90,\"purchased\":\"2017-10-02T10:56:33\",\"zip\":\"01037\","
                        + "\"items\":2,\"paid\":true,\"at\":\"2017-10-02T13:56:33Z\",\"ratio\":1.5}"),
                row("2017-10-02", "{\"order_id\":\"b\",\"price\":null,\"purchased\":null,\"zip\":null,\"items\":null,"
                        + "\"paid\":null,\"at\":null,\"ratio\":null}"),
                row("2017-11-30", "{\"order_id\":\"c\",\"price\":0.10,\"purchased\":\"2017-11-30T23:59:59\",\"zip\":\"99999\","
                        + "\"items\":1,\"paid\":false,\"at\":\"2017-12-01T02:59:59Z\",\"ratio\":12345678901234567890.123}"));
        List<Path> files = lake.write("olist", "orders", "run-20171202-abc", 3, COLUMNS, rows);
        assertEquals(2, files.size(), files.toString());
        assertTrue(Files.exists(root.resolve("olist/orders/year=2017/month=10/day=02/run-run-20171202-abc-3-0.parquet")),
                files.toString());
        assertTrue(Files.exists(root.resolve("olist/orders/year=2017/month=11/day=30/run-run-20171202-abc-3-0.parquet")));

        List<String> read = read("select order_id, price, typeof(price), purchased, typeof(purchased), zip, items, paid,"
                + " typeof(\"at\"), ratio, \"year\", \"month\", \"day\" from read_parquet('" + root + "/olist/orders/**/*.parquet',"
                + " hive_partitioning = true, hive_types_autocast = false) order by order_id");
        assertEquals(List.of(
                "a|129.90|DECIMAL(10,2)|2017-10-02 10:56:33.0|TIMESTAMP|01037|2|true|TIMESTAMP WITH TIME ZONE|1.5|2017|10|02",
                "b|null|DECIMAL(10,2)|null|TIMESTAMP|null|null|null|TIMESTAMP WITH TIME ZONE|null|2017|10|02",
                "c|0.10|DECIMAL(10,2)|2017-11-30 23:59:59.0|TIMESTAMP|99999|1|false|TIMESTAMP WITH TIME ZONE|"
                        + "12345678901234567890.123|2017|11|30"), read);

        lake.write("olist", "orders", "run-20171202-abc", 3, COLUMNS, rows.subList(0, 1));
        assertEquals(List.of("1"), read("select count(*) from read_parquet('" + root + "/olist/orders/**/*.parquet')"),
                "the same run and batch written again replaces its files");
    }

    private static ParquetLake.LakeRow row(String day, String json) throws Exception {
        return new ParquetLake.LakeRow(LocalDate.parse(day), (ObjectNode) JSON.readTree(json));
    }

    private static List<String> read(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = ParquetLake.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(b.toString());
            }
        }
        return rows;
    }
}
