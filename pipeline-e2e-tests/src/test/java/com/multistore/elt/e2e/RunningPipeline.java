package com.multistore.elt.e2e;

import com.multistore.elt.testing.Ports;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.multistore.elt.testing.KafkaBrokerResource;
import com.multistore.elt.testing.PostgresDatabaseResource;
import com.multistore.elt.testing.TestDatabase;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The whole pipeline for one test class: the in-JVM broker, a fresh database, WireMock standing in for Azure AD,
 * Power BI, SNS and EC2 (the local launcher's mappings), the Shopify simulator and the five services, each a packaged
 * jar started as a child process on a free port with one generated configuration file. {@link #stop()} ends all of
 * them; a shutdown hook kills whatever is still running if the JVM ends first. With a pinned instant, the simulator and
 * every service run under the {@code pinned} profile with {@code pipeline.clock.fixed} at that instant: their "now".
 */
final class RunningPipeline {

    static final List<String> SERVICES = List.of("extractor-service", "loader-service", "transformer-service",
            "notifier-service", "infra-scheduler-service");
    static final Duration READY = Duration.ofSeconds(240);
    /** The bakery shop's zone (the simulator's default for it), which its marts' weeks and local times are in. */
    static final String BAKERY_ZONE = "Asia/Kolkata";
    private static final Logger LOG = Logger.getLogger(RunningPipeline.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Path root;
    final Path work;
    final String adminToken = secret("admin");
    final Map<String, String> storeTokens = Map.of("retail", secret("shpat_retail"), "wholesale", secret("shpat_wholesale"),
            "bakery", secret("shpat_bakery"));
    final String azureClientSecret = secret("azure");
    final Map<String, ChildProcess> services = new LinkedHashMap<>();
    ChildProcess simulator;
    WireMockServer stubs;
    TestDatabase database;
    String bootstrap;

    private final KafkaBrokerResource broker = new KafkaBrokerResource();
    private final PostgresDatabaseResource postgres = new PostgresDatabaseResource();
    private final Thread hook = new Thread(this::killAll, "e2e-child-processes");
    private Map<String, String> databaseConfig;

    /** The instant every process takes as "now", or null for the real clock. */
    final Instant pinned;

    RunningPipeline() {
        this(null, "e2e");
    }

    RunningPipeline(Instant pinned, String workDirectory) {
        this.pinned = pinned;
        root = Path.of("..").toAbsolutePath().normalize();
        work = Path.of("target", workDirectory).toAbsolutePath();
    }

    /** The pipeline's "now": the pinned instant, or the real one. */
    Instant now() {
        return pinned != null ? pinned : Instant.now();
    }

    List<String> secrets() {
        List<String> all = new ArrayList<>(storeTokens.values());
        all.add(adminToken);
        all.add(azureClientSecret);
        return all;
    }

    void start(int ordersPerShop) throws IOException {
        Runtime.getRuntime().addShutdownHook(hook);
        deleteRecursively(work);
        Files.createDirectories(work.resolve("logs"));
        bootstrap = broker.start().get("kafka.bootstrap.servers");
        databaseConfig = postgres.start();
        database = PostgresDatabaseResource.current();
        stubs = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .usingFilesUnderDirectory(root.resolve("deploy/local/stubs").toString()).globalTemplating(true));
        stubs.start();

        // History ends today (the pipeline's today), so the bakery's events fall in this week and the weeks ahead.
        simulator = child("shopify-simulator", List.of(
                "-Dsimulator.anchor-date=" + java.time.LocalDate.ofInstant(now(), java.time.ZoneOffset.UTC),
                "-Dsimulator.shops.retail.token=" + storeTokens.get("retail"),
                "-Dsimulator.shops.retail.orders=" + ordersPerShop, "-Dsimulator.shops.retail.customers=400",
                "-Dsimulator.shops.retail.products=60", "-Dsimulator.shops.retail.locations=3",
                "-Dsimulator.shops.wholesale.token=" + storeTokens.get("wholesale"),
                "-Dsimulator.shops.wholesale.orders=" + ordersPerShop, "-Dsimulator.shops.wholesale.customers=300",
                "-Dsimulator.shops.wholesale.products=50", "-Dsimulator.shops.wholesale.locations=3",
                "-Dsimulator.shops.bakery.token=" + storeTokens.get("bakery"),
                "-Dsimulator.shops.bakery.orders=200", "-Dsimulator.shops.bakery.customers=60",
                "-Dsimulator.shops.bakery.products=6", "-Dsimulator.shops.bakery.locations=1",
                "-Dsimulator.shops.bakery.maximum-available=20000", "-Dsimulator.shops.bakery.restore-rate=1000"));
        simulator.start();
        Path config = writeConfig(simulator.url());
        for (String name : SERVICES) {
            ChildProcess service = child(name, List.of("-Dquarkus.config.locations=" + config));
            services.put(name, service);
            service.start();
        }
        simulator.awaitReady(READY);
        for (ChildProcess service : services.values()) {
            service.awaitReady(READY);
        }
        LOG.infof("pipeline up: simulator %s, services %s, broker %s, database %s, stubs %d", simulator.url(),
                services.values().stream().map(s -> s.name + "=" + s.port).toList(), bootstrap, database.name(),
                stubs.port());
    }

    ChildProcess service(String name) {
        return services.get(name);
    }

    private ChildProcess child(String name, List<String> options) {
        Path jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged jar at " + jar + ": build through the reactor "
                    + "(./mvnw -pl pipeline-e2e-tests -am verify), which packages every service first");
        }
        int port = Ports.free();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1"));
        if (pinned != null) {
            command.addAll(List.of("-Dquarkus.profile=pinned", "-Dpipeline.clock.fixed=" + pinned));
        }
        command.addAll(options);
        command.addAll(List.of("-jar", jar.toString()));
        return new ChildProcess(name, port, work.resolve("logs").resolve(name + ".log"), command);
    }

    /** A broker outage in the middle of whatever runs: down for {@code down}, then back on the same port with its data. */
    void restartBroker(Duration down) throws InterruptedException {
        broker.restart(down);
    }

    /**
     * Starts a stopped or killed service again on its port, with its configuration and log (appended), and any
     * further {@code -D} options.
     */
    void restart(String name, String... options) {
        ChildProcess old = services.get(name);
        List<String> all = new ArrayList<>(List.of(options));
        all.add("-Dquarkus.config.locations=" + work.resolve("pipeline.properties"));
        ChildProcess again = child(name, all);
        ChildProcess same = new ChildProcess(name, old.port, old.log, commandOn(again, old.port));
        services.put(name, same);
        same.start();
        same.awaitReady(READY);
    }

    /**
     * Stops every service, drops the database and creates it again empty, and starts the services again on their
     * ports (each migrates the new database at start): the broker, the simulator and the raw archive stay.
     */
    void recreateDatabase() throws SQLException {
        services.values().parallelStream().forEach(ChildProcess::stop);
        database.recreate();
        List<ChildProcess> started = new ArrayList<>();
        for (String name : SERVICES) {
            ChildProcess old = services.get(name);
            ChildProcess again = child(name, List.of("-Dquarkus.config.locations=" + work.resolve("pipeline.properties")));
            ChildProcess same = new ChildProcess(name, old.port, old.log, commandOn(again, old.port));
            services.put(name, same);
            same.start();
            started.add(same);
        }
        started.forEach(service -> service.awaitReady(READY));
        LOG.infof("database %s dropped and created again; services up again", database.name());
    }

    private static List<String> commandOn(ChildProcess template, int port) {
        List<String> command = new ArrayList<>(template.command());
        command.replaceAll(a -> a.startsWith("-Dquarkus.http.port=") ? "-Dquarkus.http.port=" + port : a);
        return command;
    }

    private Path writeConfig(String simulatorUrl) throws IOException {
        Path file = work.resolve("pipeline.properties");
        String stubs = "http://127.0.0.1:" + this.stubs.port();
        String text = String.join("\n",
                "quarkus.datasource.jdbc.url=" + databaseConfig.get("quarkus.datasource.jdbc.url"),
                "quarkus.datasource.username=" + databaseConfig.get("quarkus.datasource.username"),
                "quarkus.datasource.password=" + databaseConfig.get("quarkus.datasource.password"),
                "kafka.bootstrap.servers=" + bootstrap,
                "pipeline.admin.token=" + adminToken,
                store("retail", simulatorUrl, "B2C", "America/New_York", "USD", 1),
                store("wholesale", simulatorUrl, "B2B", "America/Chicago", "USD", 2),
                store("bakery", simulatorUrl, "B2C", BAKERY_ZONE, "INR", 3),
                "pipeline.schedule.cron=off",
                "pipeline.shopify.max-retries=2",
                "pipeline.shopify.backoff-max=PT1S",
                "pipeline.extract.bulk-failed-retries=1",
                "pipeline.extract.bulk-poll-max=PT2S",
                "pipeline.transform.barrier-check-every=PT2S",
                "loader.archive.directory=" + work.resolve("archive"),
                "loader.barrier.poll-interval=PT0.5S",
                "notifier.powerbi.base-url=" + stubs + "/powerbi",
                "notifier.powerbi.poll-interval=PT0.5S",
                // more successful runs a day than Power BI's cap of 8: the suite checks every refresh, not the cap
                "notifier.powerbi.daily-cap=100",
                // renewed at every poll; short, so that a killed notifier's send is resumed within seconds
                "notifier.claim-lease=PT15S",
                "notifier.powerbi.datasets.sales.group-id=e2e-workspace",
                "notifier.powerbi.datasets.sales.dataset-id=e2e-sales-dataset",
                "notifier.azure-ad.authority=" + stubs + "/azure-ad",
                "notifier.azure-ad.tenant-id=e2e-tenant",
                "notifier.azure-ad.client-id=e2e-client",
                "notifier.azure-ad.client-secret=" + azureClientSecret,
                "notifier.sns.topic-arn=arn:aws:sns:eu-west-1:000000000000:e2e-etl-alerts",
                "aws.sns.endpoint-override=" + stubs + "/sns/",
                "aws.ec2.endpoint-override=" + stubs + "/ec2/",
                "aws.credentials.access-key-id=e2e-stand-in",
                "aws.credentials.secret-access-key=e2e-stand-in",
                "infra.schedule.start-cron=off",
                "infra.schedule.stop-cron=off",
                "infra.sns.topic-arn=arn:aws:sns:eu-west-1:000000000000:e2e-etl-alerts",
                "infra.instance-ids=i-0e2e00000000000000",
                "");
        Files.writeString(file, text);
        return file;
    }

    private String store(String code, String simulatorUrl, String channel, String zone, String currency, int priority) {
        String p = "pipeline.stores." + code + ".";
        return String.join("\n", p + "base-url=" + simulatorUrl + "/shops/" + code,
                p + "access-token=" + storeTokens.get(code), p + "channel=" + channel, p + "time-zone=" + zone,
                p + "currency=" + currency, p + "inventory-priority=" + priority);
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    JsonNode post(String url, String body, boolean admin) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (admin) {
            b.header("Authorization", "Bearer " + adminToken);
        }
        return send(b.build());
    }

    JsonNode delete(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).DELETE().build());
    }

    static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + e.getMessage(), e);
        }
    }

    JsonNode get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build());
    }

    /** The body of a GET as text (Prometheus metrics). */
    String getText(String url) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    JsonNode graphql(String store, String query) {
        return send(HttpRequest.newBuilder(URI.create(simulator.url() + "/shops/" + store + "/admin/api/2026-04/graphql.json"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .header("X-Shopify-Access-Token", storeTokens.get(store))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("query", query).toString()))
                .build());
    }

    private static JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + r.statusCode()
                        + ": " + r.body());
            }
            return r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ---- waiting --------------------------------------------------------------------------------------------------

    /** Polls the condition every half second until it holds; false when the bound ran out. */
    static boolean await(Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    String text(String sql) {
        try (var c = database.connect(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of every row, as text. */
    List<String> texts(String sql) {
        List<String> values = new ArrayList<>();
        try (var c = database.connect(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    void execute(String sql) {
        try {
            database.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    long number(String sql) {
        try {
            return database.queryForLong(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    // ---- stopping -------------------------------------------------------------------------------------------------

    void stop() {
        List<ChildProcess> children = new ArrayList<>(services.values());
        children.parallelStream().forEach(ChildProcess::stop);
        if (simulator != null) {
            simulator.stop();
        }
        if (stubs != null) {
            stubs.stop();
        }
        broker.stop();
        postgres.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private void killAll() {
        services.values().forEach(ChildProcess::kill);
        if (simulator != null) {
            simulator.kill();
        }
    }

    private static String secret(String prefix) {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return prefix + "_" + HexFormat.of().formatHex(bytes);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void pause(long amount, TimeUnit unit) {
        try {
            unit.sleep(amount);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
