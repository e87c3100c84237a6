package com.multistore.elt.extractor;

import com.multistore.elt.testing.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Shopify simulator (module shopify-simulator, built before this module by the reactor) as a child process on
 * a free port, with two shops of a few thousand orders; the extractor's stores point at it. Stopped (and killed if
 * it does not stop) at the end; a shutdown hook makes sure no process is left behind.
 */
public class ShopifySimulatorResource implements QuarkusTestResourceLifecycleManager {

    public static final String URL_PROPERTY = "test.simulator.url";
    static final Map<String, String> TOKENS = Map.of("retail", "shpat_retail_local", "wholesale", "shpat_wholesale_local");
    private static final Logger LOG = Logger.getLogger(ShopifySimulatorResource.class);

    private Process process;
    private Thread hook;

    @Override
    public Map<String, String> start() {
        Path jar = Path.of(System.getProperty("shopify.simulator.jar",
                Path.of("..", "shopify-simulator", "target", "quarkus-app", "quarkus-run.jar").toString())).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no simulator at " + jar + ": build through the reactor "
                    + "(./mvnw -pl extractor-service -am verify), which packages shopify-simulator first");
        }
        int port = Ports.free();
        Path log = Path.of("target", "shopify-simulator.log").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dsimulator.anchor-date=2026-11-16",
                "-Dsimulator.shops.retail.orders=3000", "-Dsimulator.shops.retail.customers=600",
                "-Dsimulator.shops.retail.products=80",
                "-Dsimulator.shops.wholesale.orders=2000", "-Dsimulator.shops.wholesale.customers=400",
                "-Dsimulator.shops.wholesale.products=60",
                "-Dsimulator.shops.bakery.orders=50", "-Dsimulator.shops.bakery.customers=20",
                "-Dsimulator.shops.bakery.products=4",
                "-jar", jar.toString()));
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the simulator: " + e.getMessage(), e);
        }
        hook = new Thread(() -> process.destroyForcibly());
        Runtime.getRuntime().addShutdownHook(hook);
        String url = "http://127.0.0.1:" + port;
        awaitReady(url, log);
        LOG.infof("Shopify simulator up at %s (pid %d)", url, process.pid());
        return Map.ofEntries(
                Map.entry(URL_PROPERTY, url),
                Map.entry("pipeline.stores.retail.base-url", url + "/shops/retail"),
                Map.entry("pipeline.stores.retail.access-token", TOKENS.get("retail")),
                Map.entry("pipeline.stores.retail.channel", "B2C"),
                Map.entry("pipeline.stores.retail.time-zone", "America/New_York"),
                Map.entry("pipeline.stores.retail.inventory-priority", "1"),
                Map.entry("pipeline.stores.wholesale.base-url", url + "/shops/wholesale"),
                Map.entry("pipeline.stores.wholesale.access-token", TOKENS.get("wholesale")),
                Map.entry("pipeline.stores.wholesale.channel", "B2B"),
                Map.entry("pipeline.stores.wholesale.time-zone", "America/Chicago"),
                Map.entry("pipeline.stores.wholesale.inventory-priority", "2"));
    }

    private void awaitReady(String url, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the simulator exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the simulator", e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the simulator", e);
            }
        }
        stop();
        throw new IllegalStateException("the simulator was not ready within 120 s; see " + log);
    }

    @Override
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            LOG.info("Shopify simulator stopped");
        }
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }
}
