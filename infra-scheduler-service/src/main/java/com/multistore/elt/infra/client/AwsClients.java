package com.multistore.elt.infra.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sns.SnsClient;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The AWS SDK v2 clients (there is no Quarkus EC2 extension, and the SNS one does not resolve from our registry).
 * Endpoints can be overridden ({@code aws.ec2.endpoint-override}, {@code aws.sns.endpoint-override}); credentials
 * come from {@code aws.credentials.*} when set, else the SDK's default chain (environment, instance/Lambda role). The
 * SDK retries throttling, 5xx and I/O errors itself with backoff; {@code aws.api-call-timeout} bounds each call.
 */
@ApplicationScoped
public class AwsClients {

    @ConfigProperty(name = "aws.region", defaultValue = "eu-west-1")
    String region;

    @ConfigProperty(name = "aws.ec2.endpoint-override")
    Optional<URI> ec2Endpoint;

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
    Ec2Client ec2(SdkHttpClient http) {
        return common(Ec2Client.builder().httpClient(http), ec2Endpoint).build();
    }

    void close(@Disposes Ec2Client client) {
        client.close();
    }

    @Produces
    @ApplicationScoped
    SnsClient sns(SdkHttpClient http) {
        return common(SnsClient.builder().httpClient(http), snsEndpoint).build();
    }

    void close(@Disposes SnsClient client) {
        client.close();
    }

    private <B extends AwsClientBuilder<B, ?>> B common(B builder, Optional<URI> endpoint) {
        builder.region(Region.of(region)).credentialsProvider(credentials())
                .overrideConfiguration(c -> c.apiCallTimeout(apiCallTimeout));
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    private AwsCredentialsProvider credentials() {
        if (accessKeyId.isPresent() && secretAccessKey.isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId.get(), secretAccessKey.get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
