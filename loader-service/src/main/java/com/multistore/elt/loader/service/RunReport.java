package com.multistore.elt.loader.service;

import com.multistore.elt.loader.repository.ReplayRun;
import com.multistore.elt.loader.repository.RunLoad;

import java.util.List;

/** What the loader staged and declared for a run, and the replay when the run is one ({@code replay} null if not). */
public record RunReport(String runId, ReplayRun replay, List<RunLoad> loads) {
}
