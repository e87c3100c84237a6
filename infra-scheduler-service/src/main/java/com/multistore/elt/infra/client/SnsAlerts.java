package com.multistore.elt.infra.client;

import com.multistore.elt.infra.config.InfraConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes an alert to the configured SNS topic; returns SNS's message id. */
@ApplicationScoped
public class SnsAlerts {

    @Inject
    SnsClient sns;

    @Inject
    InfraConfig config;

    public String publish(String subject, String message) {
        String topicArn = config.sns().topicArn()
                .orElseThrow(() -> new IllegalStateException("infra.sns.topic-arn is not configured"));
        return sns.publish(p -> p.topicArn(topicArn).subject(subject).message(message)).messageId();
    }
}
