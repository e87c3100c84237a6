package com.multistore.elt.transformer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.multistore.elt.service.sql.SqlFiles;
import com.multistore.elt.transformer.model.DeclaredTest.Kind;
import com.multistore.elt.transformer.model.DeclaredTest.Severity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a layer's {@code tests.yml}, dbt's shape:
 * <pre>
 * models:
 *   - name: fact_refunds            # a table of the layer's schema, or schema.table
 *     key: [store, refund_id]       # names a failing row in the examples
 *     tests:                        # model-level: unique / not_null of `columns`, relationships from `columns`
 *       - relationships: {columns: [store, order_id], to: fact_orders, fields: [store, order_id]}
 *     columns:
 *       - name: kind
 *         tests:
 *           - not_null
 *           - accepted_values: {values: [SALE, REFUND], severity: warn, warn_if: "&gt;10"}
 * </pre>
 * A test's options: {@code severity} (error|warn), {@code warn_if}, {@code error_if}, {@code where}, {@code name}, also
 * under {@code config:} as in dbt. Anything else, an unknown test or option, or a name that is not a plain SQL
 * identifier, is refused with the file and the model named: a misspelt test must not silently test nothing.
 */
public final class DeclaredTestFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");
    private static final Set<String> OPTIONS = Set.of("columns", "column", "to", "field", "fields", "values", "where",
            "severity", "warn_if", "error_if", "name", "config");
    private static final Set<String> CONFIG = Set.of("severity", "warn_if", "error_if", "where");

    private DeclaredTestFile() {
    }

    /** The declared tests of one layer of a dataset, read from the classpath. */
    public static List<DeclaredTest> read(ModelDataset dataset, ModelDataset.Layer layer) {
        String path = dataset.testsFile(layer);
        return parse(dataset.name(), layer, path, SqlFiles.text(path));
    }

    public static List<DeclaredTest> parse(String dataset, ModelDataset.Layer layer, String path, String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(path + ": not YAML: " + e.getMessage(), e);
        }
        List<DeclaredTest> tests = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return tests;
        }
        for (JsonNode model : list(root.path("models"), path + " models")) {
            String where = path + " model " + model.path("name").asText("?");
            String table = qualified(text(model, "name", where), layer.schema(), where);
            List<String> key = identifiers(model.path("key"), where + " key");
            for (JsonNode test : list(model.path("tests"), where + " tests")) {
                tests.addAll(test(dataset, layer, table, key, null, test, where));
            }
            for (JsonNode column : list(model.path("columns"), where + " columns")) {
                String name = identifier(text(column, "name", where + " column"), where + " column");
                for (JsonNode test : list(column.path("tests"), where + " column " + name + " tests")) {
                    tests.addAll(test(dataset, layer, table, key, name, test, where + " column " + name));
                }
            }
        }
        return tests;
    }

    private static List<DeclaredTest> test(String dataset, ModelDataset.Layer layer, String model, List<String> key,
                                           String column, JsonNode test, String where) {
        String kindName;
        JsonNode options;
        if (test.isTextual()) {
            kindName = test.asText();
            options = YAML.createObjectNode();
        } else if (test.isObject() && test.size() == 1) {
            kindName = test.fieldNames().next();
            options = test.get(kindName);
            if (options == null || options.isNull()) {
                options = YAML.createObjectNode();
            }
        } else {
            throw new IllegalStateException(where + ": a test is a name or {name: {options}}: " + test);
        }
        Kind kind;
        try {
            kind = Kind.valueOf(kindName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ": unknown test '" + kindName + "' (unique, not_null, accepted_values,"
                    + " relationships)");
        }
        where = where + " " + kind.code();
        for (Iterator<String> names = options.fieldNames(); names.hasNext(); ) {
            String option = names.next();
            if (!OPTIONS.contains(option)) {
                throw new IllegalStateException(where + ": unknown option '" + option + "'");
            }
        }
        JsonNode config = options.path("config");
        for (Iterator<String> names = config.fieldNames(); names.hasNext(); ) {
            String option = names.next();
            if (!CONFIG.contains(option)) {
                throw new IllegalStateException(where + ": unknown config '" + option + "'");
            }
        }
        List<String> columns = column != null ? List.of(column)
                : options.has("column") ? List.of(identifier(options.get("column").asText(), where + " column"))
                : identifiers(options.path("columns"), where + " columns");
        if (columns.isEmpty()) {
            throw new IllegalStateException(where + ": which columns? (a column's test, or `columns:`)");
        }
        String filter = option(options, config, "where");
        Severity severity = severity(option(options, config, "severity"), where);
        Threshold warnIf = threshold(option(options, config, "warn_if"), where);
        Threshold errorIf = threshold(option(options, config, "error_if"), where);
        String to = null;
        List<String> fields = List.of();
        List<String> values = List.of();
        switch (kind) {
            case RELATIONSHIPS -> {
                to = qualified(text(options, "to", where), layer.schema(), where);
                fields = options.has("field") ? List.of(identifier(options.get("field").asText(), where + " field"))
                        : identifiers(options.path("fields"), where + " fields");
                if (fields.size() != columns.size()) {
                    throw new IllegalStateException(where + ": " + columns.size() + " columns but " + fields.size()
                            + " fields of " + to);
                }
            }
            case ACCEPTED_VALUES -> {
                for (JsonNode value : list(options.path("values"), where + " values")) {
                    values = new ArrayList<>(values);
                    values.add(value.asText());
                }
                if (values.isEmpty() || columns.size() != 1) {
                    throw new IllegalStateException(where + ": one column and its `values:`");
                }
                values = List.copyOf(values);
            }
            case NOT_NULL -> {
                if (columns.size() > 1) {
                    List<DeclaredTest> each = new ArrayList<>();
                    for (String c : columns) {
                        each.addAll(test(dataset, layer, model, key, c, YAML.createObjectNode().set("not_null", options),
                                where));
                    }
                    return each;
                }
            }
            default -> {
            }
        }
        String name = options.has("name") ? identifier(options.get("name").asText(), where + " name")
                : generatedName(kind, model, columns, to);
        return List.of(new DeclaredTest(dataset, layer.name(), name, kind, model, key, columns, to, fields, values,
                filter, severity, warnIf, errorIf));
    }

    /** {@code <kind>_<table>_<col>[__<col>...][_to_<table>]}, dbt-like and a valid configuration key. */
    static String generatedName(Kind kind, String model, List<String> columns, String to) {
        String name = kind.code() + "_" + table(model) + "_" + String.join("__", columns);
        return to == null ? name : name + "_to_" + table(to);
    }

    private static String table(String qualified) {
        return qualified.substring(qualified.indexOf('.') + 1);
    }

    private static String option(JsonNode options, JsonNode config, String name) {
        JsonNode value = config.has(name) ? config.get(name) : options.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** error (the default) or warn, in any case. */
    public static Severity severity(String text, String where) {
        if (text == null) {
            return Severity.ERROR;
        }
        try {
            return Severity.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ": severity is error or warn, not '" + text + "'");
        }
    }

    private static Threshold threshold(String text, String where) {
        try {
            return text == null ? Threshold.ANY : Threshold.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ": " + e.getMessage());
        }
    }

    private static Iterable<JsonNode> list(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new IllegalStateException(where + ": a list is expected");
        }
        return node;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalStateException(where + ": `" + field + "` is missing");
        }
        return value.asText().trim();
    }

    private static List<String> identifiers(JsonNode node, String where) {
        List<String> names = new ArrayList<>();
        for (JsonNode n : list(node, where)) {
            names.add(identifier(n.asText(), where));
        }
        return List.copyOf(names);
    }

    static String identifier(String name, String where) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalStateException(where + ": '" + name + "' is not a plain lower-case SQL name");
        }
        return name;
    }

    private static String qualified(String name, String schema, String where) {
        if (!TABLE.matcher(name).matches()) {
            throw new IllegalStateException(where + ": '" + name + "' is not a table name (table or schema.table)");
        }
        return name.contains(".") ? name : schema + "." + name;
    }

    /** The settings a test's SQL is written from: its placeholders and values. */
    public static Map<String, String> placeholders(DeclaredTest test) {
        String where = test.where() == null ? "true" : test.where();
        String notNull = String.join(" and ", test.columns().stream().map(c -> c + " is not null").toList());
        return switch (test.kind()) {
            case UNIQUE -> Map.of("model", test.model(), "columns", String.join(", ", test.columns()), "where", where,
                    "columns_not_null", notNull);
            case NOT_NULL -> Map.of("model", test.model(), "column", test.columns().get(0), "where", where,
                    "example_columns", test.key().isEmpty() ? test.columns().get(0) : String.join(", ", test.key()));
            case ACCEPTED_VALUES -> Map.of("model", test.model(), "column", test.columns().get(0), "where", where);
            case RELATIONSHIPS -> {
                List<String> join = new ArrayList<>();
                for (int i = 0; i < test.columns().size(); i++) {
                    join.add("p." + test.fields().get(i) + " = c." + test.columns().get(i));
                }
                yield Map.of("model", test.model(), "to", test.to(), "where", where,
                        "columns", String.join(", ", test.columns()), "fields", String.join(", ", test.fields()),
                        "child_columns", String.join(", ", test.columns().stream().map(c -> "c." + c).toList()),
                        "columns_not_null", notNull, "join", String.join(" and ", join));
            }
        };
    }
}
