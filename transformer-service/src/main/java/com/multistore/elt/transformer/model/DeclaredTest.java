package com.multistore.elt.transformer.model;

import java.util.List;

/**
 * One declared test of a model (dbt's generic tests): {@code unique} of {@code columns} (a composite key tested as one),
 * {@code not_null} of one column, {@code accepted_values} of one column, {@code relationships} from {@code columns} to
 * {@code fields} of {@code to}. {@code model} and {@code to} are schema-qualified; {@code key} names a failing row in
 * the examples; {@code where} narrows the rows tested (SQL, as dbt's config).
 */
public record DeclaredTest(String dataset, String layer, String name, Kind kind, String model, List<String> key,
                           List<String> columns, String to, List<String> fields, List<String> values, String where,
                           Severity severity, Threshold warnIf, Threshold errorIf) {

    /** The generic tests. */
    public enum Kind {
        UNIQUE, NOT_NULL, ACCEPTED_VALUES, RELATIONSHIPS;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** dbt's severity: an error fails the run when {@code error_if} holds; a warning only warns. */
    public enum Severity { ERROR, WARN }

    /** How the test's result reads in ops.dq_results: {@code <dataset>.<name>}. */
    public String checkName() {
        return dataset + "." + name;
    }

    /** The outcome for this many failing rows (dbt: an error test checks error_if first, then warn_if). */
    public String status(long failures) {
        if (severity == Severity.ERROR && errorIf.holdsFor(failures)) {
            return "FAILED";
        }
        return warnIf.holdsFor(failures) ? "WARNED" : "PASSED";
    }

    /** The threshold the status was decided by. */
    public Threshold thresholdFor(String status) {
        return "WARNED".equals(status) || severity == Severity.WARN ? warnIf : errorIf;
    }

    public DeclaredTest with(Severity severity, Threshold warnIf, Threshold errorIf) {
        return new DeclaredTest(dataset, layer, name, kind, model, key, columns, to, fields, values, where, severity,
                warnIf, errorIf);
    }
}
