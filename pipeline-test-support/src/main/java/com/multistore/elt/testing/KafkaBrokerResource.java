package com.multistore.elt.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * A real Apache Kafka broker (KRaft, from the kafka_2.13 jars) inside the test JVM, on free ports, shared by all
 * tests of a module run and closed at the end, log directories deleted. Services see it through
 * {@code kafka.bootstrap.servers}; tests get a {@link KafkaCompanion} in fields annotated {@link InjectKafkaCompanion}.
 * Topics are created on first use with {@value #PARTITIONS} partitions, so ordering and offset barriers are exercised
 * on more than one partition.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    static final int PARTITIONS = 3;
    private static final Logger LOG = Logger.getLogger(KafkaBrokerResource.class);

    private EmbeddedKafkaBroker broker;
    private KafkaCompanion companion;

    @Override
    public Map<String, String> start() {
        long started = System.nanoTime();
        broker = new EmbeddedKafkaBroker()
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(p -> {
                    p.put("num.partitions", String.valueOf(PARTITIONS));
                    p.put("auto.create.topics.enable", "true");
                    p.put("group.initial.rebalance.delay.ms", "0");
                })
                .start();
        String bootstrap = broker.getAdvertisedListeners();
        companion = new KafkaCompanion(bootstrap);
        LOG.infof("test Kafka broker up at %s in %d ms", bootstrap, (System.nanoTime() - started) / 1_000_000);
        return Map.of("kafka.bootstrap.servers", bootstrap);
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
    }
}
