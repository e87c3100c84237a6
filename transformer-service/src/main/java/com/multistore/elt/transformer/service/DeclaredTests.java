package com.multistore.elt.transformer.service;

import com.multistore.elt.transformer.config.DataQualityConfig;
import com.multistore.elt.transformer.model.DeclaredTest;
import com.multistore.elt.transformer.model.DeclaredTestFile;
import com.multistore.elt.transformer.model.ModelDataset;
import com.multistore.elt.transformer.model.Threshold;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The declared tests of every dataset, read once at start-up from the layers' {@code tests.yml} files, with the
 * deployment's overrides ({@code pipeline.dq.tests.<dataset>.<test>.*}) applied. A file that cannot be read, two tests
 * of one name, or an override naming no declared test stops start-up with the file, the model or the key named.
 */
@Startup
@ApplicationScoped
public class DeclaredTests {

    private static final Logger LOG = Logger.getLogger(DeclaredTests.class);

    private final Map<String, List<DeclaredTest>> byDataset = new LinkedHashMap<>();

    @Inject
    public DeclaredTests(DataQualityConfig config) {
        this(ModelDataset.all(), config.tests());
    }

    /** The tests of these datasets with these overrides (dataset -> test name -> override). */
    public static DeclaredTests from(List<ModelDataset> datasets,
                                     Map<String, Map<String, DataQualityConfig.TestOverride>> overrides) {
        return new DeclaredTests(datasets, overrides);
    }

    DeclaredTests(List<ModelDataset> datasets, Map<String, Map<String, DataQualityConfig.TestOverride>> overrides) {
        for (ModelDataset dataset : datasets) {
            Map<String, DeclaredTest> tests = new LinkedHashMap<>();
            for (ModelDataset.Layer layer : dataset.layers()) {
                for (DeclaredTest test : DeclaredTestFile.read(dataset, layer)) {
                    if (tests.put(test.name(), test) != null) {
                        throw new IllegalStateException(dataset.testsFile(layer) + ": two tests named " + test.name()
                                + " in dataset " + dataset.name() + " (give one a `name:`)");
                    }
                }
            }
            Map<String, DataQualityConfig.TestOverride> changes = overrides.getOrDefault(dataset.name(), Map.of());
            Set<String> unknown = new TreeSet<>(changes.keySet());
            unknown.removeAll(tests.keySet());
            if (!unknown.isEmpty()) {
                throw new IllegalStateException("pipeline.dq.tests." + dataset.name() + ".*: no declared test named "
                        + unknown + " in dataset " + dataset.name() + " (its tests: " + new TreeSet<>(tests.keySet()) + ")");
            }
            List<DeclaredTest> effective = new ArrayList<>();
            for (DeclaredTest test : tests.values()) {
                DataQualityConfig.TestOverride change = changes.get(test.name());
                if (change == null) {
                    effective.add(test);
                    continue;
                }
                if (!change.enabled()) {
                    LOG.infof("declared test %s left out (pipeline.dq.tests.%s.%s.enabled=false)", test.checkName(),
                            dataset.name(), test.name());
                    continue;
                }
                String key = "pipeline.dq.tests." + dataset.name() + "." + test.name();
                effective.add(test.with(
                        change.severity().map(s -> DeclaredTestFile.severity(s, key + ".severity")).orElse(test.severity()),
                        change.warnIf().map(t -> threshold(t, key + ".warn-if")).orElse(test.warnIf()),
                        change.errorIf().map(t -> threshold(t, key + ".error-if")).orElse(test.errorIf())));
            }
            byDataset.put(dataset.name(), List.copyOf(effective));
        }
        Set<String> configured = new HashSet<>(overrides.keySet());
        configured.removeAll(byDataset.keySet());
        if (!configured.isEmpty()) {
            throw new IllegalStateException("pipeline.dq.tests.*: no dataset named " + new TreeSet<>(configured)
                    + " (datasets: " + byDataset.keySet() + ")");
        }
        byDataset.forEach((name, tests) -> LOG.infof("dataset %s: %d declared tests", name, tests.size()));
    }

    private static Threshold threshold(String text, String key) {
        try {
            return Threshold.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(key + ": " + e.getMessage());
        }
    }

    /** The tests of a dataset, as the run applies them. */
    public List<DeclaredTest> of(String dataset) {
        return byDataset.getOrDefault(dataset, List.of());
    }
}
