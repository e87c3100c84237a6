package com.multistore.elt.testing;

import com.multistore.elt.events.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

import java.io.File;
import java.io.IOException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Apache Kafka broker (KRaft, from the kafka_2.13 jars) inside the test JVM, on free ports, shared by all
 * tests of a module run and closed at the end, log directories deleted; {@link #restart} makes a broker outage. Services see it through
 * {@code kafka.bootstrap.servers}; tests get a {@link KafkaCompanion} in fields annotated {@link InjectKafkaCompanion}.
 * The pipeline's topics ({@link Topics#all()}) are created before any service starts, with {@value #PARTITIONS}
 * partitions so ordering and offset barriers are exercised on more than one partition, and the resource waits until
 * every partition has a leader: an idempotent producer racing a topic's auto-creation can get stuck on
 * OutOfOrderSequenceException until its delivery timeout (seen on this machine under load). Other topics a test
 * uses are still auto-created. Nothing is deleted by age (records may carry a test's pinned, past timestamps).
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    static final int PARTITIONS = 3;
    private static final Logger LOG = Logger.getLogger(KafkaBrokerResource.class);

    private EmbeddedKafkaBroker broker;
    private List<String> logDirs = List.of();
    private int kafkaPort;
    private int controllerPort;
    private KafkaCompanion companion;

    @Override
    public Map<String, String> start() {
        long started = System.nanoTime();
        kafkaPort = Ports.free();
        controllerPort = Ports.free();
        broker = new EmbeddedKafkaBroker()
                .withKafkaPort(kafkaPort)
                .withControllerPort(controllerPort)
                // the log directory is kept over a restart (an outage) and deleted when the resource stops
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(KafkaBrokerResource::settings)
                .start();
        logDirs = List.copyOf(broker.getLogDirs());
        String bootstrap = broker.getAdvertisedListeners();
        createPipelineTopics(bootstrap);
        companion = new KafkaCompanion(bootstrap);
        LOG.infof("test Kafka broker up at %s in %d ms", bootstrap, (System.nanoTime() - started) / 1_000_000);
        return Map.of("kafka.bootstrap.servers", bootstrap);
    }

    private static void settings(Properties p) {
        p.put("num.partitions", String.valueOf(PARTITIONS));
        p.put("auto.create.topics.enable", "true");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Tests pin clocks at past instants, and a raw record's timestamp is its extraction time: time-based
        // retention would delete such records (within the 5-minute check) before a test replays them.
        p.put("log.retention.ms", "-1");
    }

    /**
     * A broker outage: the broker is shut down, stays down for {@code down}, and starts again on the same ports, with
     * the same node and cluster id and its data (the log directory), as a restarted broker of a real cluster would.
     */
    public void restart(Duration down) throws InterruptedException {
        int nodeId = broker.getNodeId();
        String clusterId = broker.getClusterId();
        String logDir = logDirs.get(0);
        broker.close();
        LOG.infof("test Kafka broker stopped (an outage of %s)", down);
        Thread.sleep(down.toMillis());
        broker = new EmbeddedKafkaBroker()
                .withNodeId(nodeId)
                .withClusterId(clusterId)
                .withKafkaPort(kafkaPort)
                .withControllerPort(controllerPort)
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(p -> {
                    settings(p);
                    p.put("log.dir", logDir);
                })
                .start();
        LOG.infof("test Kafka broker up again at %s", broker.getAdvertisedListeners());
    }

    private static void createPipelineTopics(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(Topics.all().stream().map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList())
                    .all().get(60, TimeUnit.SECONDS);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (true) {
                Map<String, TopicDescription> topics = admin.describeTopics(Topics.all()).allTopicNames()
                        .get(60, TimeUnit.SECONDS);
                boolean led = topics.values().stream().allMatch(t -> t.partitions().size() == PARTITIONS
                        && t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (led) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the pipeline topics have no leaders after 60 s");
                }
                Thread.sleep(100);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the pipeline topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the pipeline topics", e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(companion,
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaCompanion.class, KafkaCompanion.class));
    }

    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
        }
        if (broker != null) {
            broker.close();
            LOG.info("test Kafka broker stopped");
        }
        for (String dir : logDirs) {
            try {
                Utils.delete(new File(dir));
            } catch (IOException e) {
                LOG.warnf("test Kafka broker: log directory %s not deleted: %s", dir, e.getMessage());
            }
        }
    }
}
