package com.multistore.elt.aws;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Where a service gets its AWS SDK clients from (the Quarkus Amazon Services extensions do not resolve here): one
 * {@link AwsSettings}, one HTTP client shared by every client of the service. A service produces its client with
 * {@code aws.client(SnsClient.builder(), "sns")}; the SDK retries throttling, 5xx and I/O errors with backoff, within
 * {@code aws.api-call-timeout}.
 */
@ApplicationScoped
public class AwsClients {

    private final AwsSettings settings;
    private final SdkHttpClient http;

    public AwsClients(Config config) {
        this.settings = new AwsSettings(key -> config.getOptionalValue(key, String.class));
        this.http = settings.httpClient();
    }

    /** Builds a client of the given builder for {@code service} (the key of its endpoint override). */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, String service) {
        return settings.configure(builder, service, http).build();
    }

    public AwsSettings settings() {
        return settings;
    }

    /** The HTTP client every AWS client of this service shares. */
    public SdkHttpClient http() {
        return http;
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
