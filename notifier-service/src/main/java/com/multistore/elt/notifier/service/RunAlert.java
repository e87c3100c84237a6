package com.multistore.elt.notifier.service;

import com.multistore.elt.events.Status;
import com.multistore.elt.events.TransformCompleted;
import com.multistore.elt.notifier.config.NotifierConfig;
import com.multistore.elt.notifier.service.NotificationLedger.Claim;
import com.multistore.elt.notifier.service.NotificationLedger.DatasetState;

import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The text of an SNS alert: a subject SNS accepts (ASCII, one line, under 100 characters) and a body that says which
 * run and attempt, which jobs failed with which errors, the data-quality counts, the reconciliation with the source
 * (counts and every difference), the Power BI outcome per dataset, and where to look. Built only from the event, the dataset states and configuration: no credentials.
 */
public record RunAlert(String subject, String message) {

    private static final int SUBJECT_MAX = 100;

    /** What a 401/403 from Power BI almost always means for a service principal. */
    static final String ACCESS_HINT = """
            Power BI refused the service principal (HTTP 401/403). Check, in this order:
              1. Power BI Admin portal > Tenant settings > Developer settings: "Service principals can use Fabric APIs"
                 (formerly "Allow service principals to use Power BI APIs") is enabled, for a security group that
                 contains the app registration (client id %s).
              2. The service principal has access to the workspace: Workspace %s > Manage access > add the app
                 (or its security group) as Member or Admin (Contributor is enough to refresh). A dataset in
                 "My workspace" cannot be refreshed by a service principal.
              3. The dataset id belongs to that workspace, and the token's tenant (%s) is the workspace's tenant.""";

    static final String TOKEN_HINT = """
            Azure AD gave no token. Check notifier.azure-ad.tenant-id and client-id, and that the client secret
            (environment NOTIFIER_AZURE_AD_CLIENT_SECRET) is the secret's VALUE, not its id, and has not expired
            (Azure portal > App registrations > Certificates & secrets).""";

    static RunAlert runFailed(Claim claim, NotifierConfig config) {
        TransformCompleted event = claim.event();
        long failedJobs = event.jobs().stream().filter(j -> j.status() == Status.FAILED).count();
        String subject = prefix(claim, config) + " FAILED: " + failedJobs + " job(s) failed, DQ errors "
                + (event.dq() == null ? "n/a" : event.dq().failed());
        StringBuilder body = header(claim, "the run FAILED; Power BI was not refreshed.");
        jobs(body, event);
        deadLetters(body, event);
        looks(body, claim, config);
        return new RunAlert(subject(subject), body.toString());
    }

    static RunAlert refreshProblems(Claim claim, Map<String, DatasetState> results, NotifierConfig config) {
        long skipped = results.values().stream().filter(s -> DatasetRefresh.SKIPPED.equals(s.state())).count();
        long bad = results.values().stream()
                .filter(s -> !DatasetRefresh.COMPLETED.equals(s.state()) && !DatasetRefresh.SKIPPED.equals(s.state()))
                .count();
        String what = bad > 0 ? "Power BI refresh failed for " + bad + " dataset(s)"
                : "Power BI refresh skipped for " + skipped + " dataset(s) (daily cap)";
        StringBuilder body = header(claim, "the run SUCCEEDED; " + what + ".");
        body.append("\nPower BI datasets:\n");
        results.forEach((name, state) -> {
            NotifierConfig.Dataset ds = config.powerbi().datasets().get(name);
            body.append("  - ").append(name);
            if (ds != null) {
                body.append(" (workspace ").append(ds.groupId()).append(", dataset ").append(ds.datasetId()).append(')');
            }
            body.append(": ").append(state.state()).append(" - ").append(state.detail()).append('\n');
        });
        if (skipped > 0) {
            body.append("\nSkipped refreshes were not asked for: the daily cap (notifier.powerbi.daily-cap = ")
                    .append(config.powerbi().dailyCap()).append(") was reached. Refresh by hand or replay the")
                    .append(" notification tomorrow (POST /replay).\n");
        }
        if (results.values().stream().anyMatch(s -> DatasetRefresh.DENIED.equals(s.state()))) {
            String group = results.entrySet().stream()
                    .filter(e -> DatasetRefresh.DENIED.equals(e.getValue().state()))
                    .map(e -> config.powerbi().datasets().get(e.getKey()))
                    .filter(Objects::nonNull).map(NotifierConfig.Dataset::groupId)
                    .distinct().collect(Collectors.joining(", "));
            body.append("\nHint: ").append(String.format(ACCESS_HINT, config.azureAd().clientId().orElse("?"), group,
                    config.azureAd().tenantId().orElse("?"))).append('\n');
        }
        if (results.values().stream().anyMatch(s -> DatasetRefresh.AUTH_FAILED.equals(s.state()))) {
            body.append("\nHint: ").append(TOKEN_HINT).append('\n');
        }
        jobs(body, claim.event());
        looks(body, claim, config);
        return new RunAlert(subject(prefix(claim, config) + ": " + what), body.toString());
    }

    private static String prefix(Claim claim, NotifierConfig config) {
        return "[" + config.alert().subjectPrefix() + "] run " + claim.runId() + " attempt " + claim.attempt()
                + (claim.sendNo() > 0 ? " (replay " + claim.sendNo() + ")" : "");
    }

    private static StringBuilder header(Claim claim, String summary) {
        TransformCompleted event = claim.event();
        StringBuilder body = new StringBuilder();
        body.append("Run ").append(claim.runId()).append(", attempt ").append(claim.attempt()).append(": ")
                .append(summary).append('\n');
        if (claim.sendNo() > 0) {
            body.append("(re-sent by replay ").append(claim.sendNo()).append(")\n");
        }
        TransformCompleted.DataQuality dq = event.dq();
        body.append("Data quality: ").append(dq == null ? "not reported"
                : dq.passed() + " passed, " + dq.warned() + " warned, " + dq.failed() + " failed").append('\n');
        TransformCompleted.Reconciliation r = event.reconciliation();
        body.append("Reconciliation with the source: ").append(r == null ? "not reported"
                : r.ok() + " OK, " + r.warned() + " warned, " + r.failed() + " failed").append('\n');
        if (r != null) {
            r.differences().forEach(d -> body.append("  - ").append(d.status()).append(' ').append(d.describe())
                    .append('\n'));
        }
        return body;
    }

    private static void jobs(StringBuilder body, TransformCompleted event) {
        var failed = event.jobs().stream().filter(j -> j.status() == Status.FAILED).toList();
        body.append("\nJobs: ").append(event.jobs().size()).append(", failed: ").append(failed.size()).append('\n');
        failed.forEach(j -> body.append("  - ").append(j.name()).append(" after ").append(j.attempts())
                .append(" attempt(s): ").append(j.error() == null ? "(no error reported)" : j.error()).append('\n'));
    }

    /** The run's dead letters per store x entity, with why, and how to take them in after a fix. */
    private static void deadLetters(StringBuilder body, TransformCompleted event) {
        if (event.deadLetters().isEmpty()) {
            return;
        }
        long total = event.deadLetters().stream().mapToLong(TransformCompleted.DeadLetters::count).sum();
        body.append("\nDead letters: ").append(total).append(" record(s) went to etl.dlq instead of the warehouse\n");
        event.deadLetters().forEach(d -> {
            body.append("  - ").append(d.entity().code()).append('@').append(d.store()).append(": ").append(d.count());
            d.reasons().forEach(r -> body.append("\n      ").append(r.count()).append(" x ").append(r.reason()));
            body.append('\n');
        });
        body.append("  After a fix: POST /dead-letters/redrive {\"runId\": \"").append(event.runId())
                .append("\"} on the loader, then POST /replay {\"runId\": ...} on the transformer.\n");
    }

    private static void looks(StringBuilder body, Claim claim, NotifierConfig config) {
        String run = claim.runId().replace("'", "''");
        body.append("\nWhere to look:\n")
                .append("  - run log: select * from ops.etl_run_log where run_id = '").append(run)
                .append("' order by started_at;\n")
                .append("  - data quality: select * from ops.dq_results where run_id = '").append(run).append("';\n")
                .append("  - notifications: select * from ops.notifications where run_id = '").append(run)
                .append("' order by attempt, send_no;\n")
                .append("  - dead letters of the run: topic etl.dlq, header dead-letter-run-id = ").append(claim.runId())
                .append('\n');
        config.alert().links().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(l -> body.append("  - ").append(l.getKey()).append(": ").append(l.getValue()).append('\n'));
    }

    /** SNS subjects: ASCII, no line breaks, under 100 characters. */
    private static String subject(String text) {
        String ascii = text.replaceAll("[^\\x20-\\x7E]", "?");
        return ascii.length() < SUBJECT_MAX ? ascii : ascii.substring(0, SUBJECT_MAX - 4) + "...";
    }
}
