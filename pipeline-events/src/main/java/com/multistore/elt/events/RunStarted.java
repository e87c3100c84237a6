package com.multistore.elt.events;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code etl.run.started}, key runId: a run, each of its stores' business date (the date in the store's own time zone
 * when the run started, or the replayed day), and everything it plans to extract.
 */
public record RunStarted(
        String runId,
        RunTrigger trigger,
        Map<String, LocalDate> businessDates,
        List<PlanItem> plan) {

    public RunStarted {
        businessDates = businessDates == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(businessDates));
        plan = plan == null ? List.of() : List.copyOf(plan);
    }

    /** The stores of the plan that have no business date (an event the pipeline cannot date). */
    public List<String> undatedStores() {
        return plan.stream().map(PlanItem::store).distinct().filter(s -> !businessDates.containsKey(s)).sorted().toList();
    }

    /** One store x entity of a run's plan. */
    public record PlanItem(String store, Entity entity, ExtractMode mode) {
    }
}
