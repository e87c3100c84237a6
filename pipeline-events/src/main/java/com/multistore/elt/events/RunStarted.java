package com.multistore.elt.events;

import java.time.LocalDate;
import java.util.List;

/** {@code etl.run.started}, key runId: a run and everything it plans to extract. */
public record RunStarted(
        String runId,
        RunTrigger trigger,
        LocalDate businessDate,
        List<PlanItem> plan) {

    public RunStarted {
        plan = plan == null ? List.of() : List.copyOf(plan);
    }

    /** One store x entity of a run's plan. */
    public record PlanItem(String store, Entity entity, ExtractMode mode) {
    }
}
