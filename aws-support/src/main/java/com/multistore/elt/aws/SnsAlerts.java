package com.multistore.elt.aws;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.sns.SnsClient;

import java.util.Optional;

/**
 * The one SNS alert sender of the pipeline (the notifier's run alerts, the infra scheduler's forced-stop alert): one
 * SNS client on the shared AWS settings ({@code aws.sns.endpoint-override}), made at the first alert. Publishes a
 * subject and message to the caller's topic and returns SNS's message id; failures propagate (never swallowed): the
 * caller decides what an unsent alert means.
 */
@ApplicationScoped
public class SnsAlerts {

    private final AwsClients aws;
    private volatile SnsClient sns;

    public SnsAlerts(AwsClients aws) {
        this.aws = aws;
    }

    /**
     * @param topicKey the configuration key of the topic, named when it is not configured
     * @param topicArn the topic, from that key
     */
    public String publish(String topicKey, Optional<String> topicArn, String subject, String message) {
        String topic = topicArn.filter(s -> !s.isBlank())
                .orElseThrow(() -> new IllegalStateException(topicKey + " is not configured"));
        return client().publish(p -> p.topicArn(topic).subject(subject).message(message)).messageId();
    }

    private SnsClient client() {
        if (sns == null) {
            synchronized (this) {
                if (sns == null) {
                    sns = aws.client(SnsClient.builder(), "sns");
                }
            }
        }
        return sns;
    }

    @PreDestroy
    void close() {
        if (sns != null) {
            sns.close();
        }
    }
}
