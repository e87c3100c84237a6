package com.multistore.elt.notifier.client;

import com.multistore.elt.notifier.config.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes an alert to the configured SNS topic; returns SNS's message id. Failures propagate (never swallowed). */
@ApplicationScoped
public class SnsAlerts {

    @Inject
    SnsClient sns;

    @Inject
    NotifierConfig config;

    public String publish(String subject, String message) {
        String topicArn = config.sns().topicArn()
                .orElseThrow(() -> new IllegalStateException("notifier.sns.topic-arn is not configured"));
        return sns.publish(p -> p.topicArn(topicArn).subject(subject).message(message)).messageId();
    }
}
