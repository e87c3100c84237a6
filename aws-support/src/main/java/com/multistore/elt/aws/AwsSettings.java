package com.multistore.elt.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The AWS settings every AWS SDK client of the pipeline is built with, read once from configuration:
 * {@code aws.region}, {@code aws.credentials.access-key-id} / {@code .secret-access-key} (else the SDK's default chain:
 * environment, instance profile), {@code aws.api-call-timeout} (PT30S: bounds each call with the SDK's own retries),
 * {@code aws.http.connect-timeout} (PT10S) and {@code aws.http.socket-timeout} (PT30S: no read waits longer), and
 * per service {@code aws.<service>.endpoint-override} (sns, ec2, s3, secretsmanager: the stand-ins of the tests).
 * Plain (no CDI) so that the Secrets Manager configuration source can use it before the application starts.
 */
public final class AwsSettings {

    private final Function<String, Optional<String>> config;
    private final Region region;
    private final Duration apiCallTimeout;
    private final Duration connectTimeout;
    private final Duration socketTimeout;

    public AwsSettings(Function<String, Optional<String>> config) {
        this.config = config;
        this.region = Region.of(config.apply("aws.region").orElse("eu-west-1"));
        this.apiCallTimeout = duration("aws.api-call-timeout", "PT30S");
        this.connectTimeout = duration("aws.http.connect-timeout", "PT10S");
        this.socketTimeout = duration("aws.http.socket-timeout", "PT30S");
    }

    /** The one HTTP client kind of the AWS clients (URL connection: no Apache or Netty stack), with the timeouts. */
    public SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder().connectionTimeout(connectTimeout).socketTimeout(socketTimeout).build();
    }

    /** Applies region, credentials, the call timeout and the service's endpoint override to a client builder. */
    public <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, String service,
                                                                                        SdkHttpClient http) {
        builder.httpClient(http).region(region).credentialsProvider(credentials())
                .overrideConfiguration(c -> c.apiCallTimeout(apiCallTimeout));
        endpoint(service).ifPresent(builder::endpointOverride);
        return builder;
    }

    public Optional<URI> endpoint(String service) {
        return config.apply("aws." + service + ".endpoint-override").filter(s -> !s.isBlank()).map(URI::create);
    }

    private AwsCredentialsProvider credentials() {
        Optional<String> key = config.apply("aws.credentials.access-key-id").filter(s -> !s.isBlank());
        Optional<String> secret = config.apply("aws.credentials.secret-access-key").filter(s -> !s.isBlank());
        if (key.isPresent() && secret.isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.get(), secret.get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private Duration duration(String key, String otherwise) {
        String text = config.apply(key).orElse(otherwise);
        try {
            return Duration.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration (e.g. PT30S), not '" + text + "'");
        }
    }
}
