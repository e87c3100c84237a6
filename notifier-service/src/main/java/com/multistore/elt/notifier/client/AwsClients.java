package com.multistore.elt.notifier.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The AWS SDK v2 clients (plain SDK: the Quarkus SNS extension does not resolve from our registry). Credentials come
 * from {@code aws.credentials.*} when set, else the SDK's default chain (environment, instance profile). The SDK
 * retries throttling, 5xx and I/O errors itself with backoff.
 */
@ApplicationScoped
public class AwsClients {

    @ConfigProperty(name = "aws.region", defaultValue = "eu-west-1")
    String region;

    @ConfigProperty(name = "aws.sns.endpoint-override")
    Optional<URI> snsEndpoint;

    @ConfigProperty(name = "aws.credentials.access-key-id")
    Optional<String> accessKeyId;

    @ConfigProperty(name = "aws.credentials.secret-access-key")
    Optional<String> secretAccessKey;

    @ConfigProperty(name = "aws.api-call-timeout", defaultValue = "PT30S")
    Duration apiCallTimeout;

    @Produces
    @ApplicationScoped
    SdkHttpClient http() {
        return UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(30)).build();
    }

    void close(@Disposes SdkHttpClient client) {
        client.close();
    }

    @Produces
    @ApplicationScoped
    SnsClient sns(SdkHttpClient http) {
        var builder = SnsClient.builder().httpClient(http).region(Region.of(region)).credentialsProvider(credentials())
                .overrideConfiguration(c -> c.apiCallTimeout(apiCallTimeout));
        snsEndpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    void close(@Disposes SnsClient client) {
        client.close();
    }

    private AwsCredentialsProvider credentials() {
        if (accessKeyId.isPresent() && secretAccessKey.isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId.get(), secretAccessKey.get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
