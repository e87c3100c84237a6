package com.multistore.elt.loader.service;

import com.multistore.elt.loader.repository.LoadRepository;
import com.multistore.elt.loader.repository.ReplayRepository;
import com.multistore.elt.loader.repository.ReplayRun;
import com.multistore.elt.loader.repository.RunLoad;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Reads a run's loads and replay for {@code GET /runs/{id}}; empty when the loader knows nothing of the run. */
@ApplicationScoped
public class RunReports {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LoadRepository loads;

    @Inject
    ReplayRepository replays;

    public Optional<RunReport> run(String runId) throws SQLException {
        List<RunLoad> runLoads;
        try (Connection connection = dataSource.getConnection()) {
            runLoads = loads.runLoads(connection, runId);
        }
        Optional<ReplayRun> replay = replays.find(runId);
        if (runLoads.isEmpty() && replay.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RunReport(runId, replay.orElse(null), runLoads));
    }
}
