package com.multistore.elt.extractor.client;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.multistore.elt.aws.AwsSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Store tokens from an AWS Secrets Manager JSON secret, through the real AWS SDK v2 client against a WireMock
 * endpoint that checks the GetSecretValue request shape; the secret is read once and cached.
 */
class SecretsManagerTokensTest {

    private WireMockServer aws;
    private SecretsManagerTokens tokens;

    @BeforeEach
    void start() {
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret-key");
        aws = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        aws.start();
        aws.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(equalToJson("{\"SecretId\":\"prod/shopify/db_creds\"}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/shopify/db_creds-AbCdEf\","
                                + "\"Name\":\"prod/shopify/db_creds\",\"VersionId\":\"v1\","
                                + "\"SecretString\":\"{\\\"retail_token\\\":\\\"shpat_from_secrets\\\",\\\"db_password\\\":\\\"pw\\\"}\"}")));
        AwsSettings settings = new AwsSettings(key -> Optional.ofNullable(Map.of("aws.region", "eu-west-1",
                "aws.secretsmanager.endpoint-override", aws.baseUrl()).get(key)));
        tokens = new SecretsManagerTokens(() -> settings.configure(SecretsManagerClient.builder(), "secretsmanager",
                settings.httpClient()).build(), Duration.ofMinutes(10));
    }

    @AfterEach
    void stop() {
        tokens.close();
        aws.stop();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void theTokenComesFromTheJsonSecretAndIsCached() {
        assertEquals("shpat_from_secrets", tokens.token("retail", "prod/shopify/db_creds#retail_token"));
        assertEquals("shpat_from_secrets", tokens.token("retail", "prod/shopify/db_creds#retail_token"));

        aws.verify(exactly(1), postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void aMissingKeyNamesTheSecretButNoValue() {
        ShopifyApiException e = assertThrows(ShopifyApiException.class,
                () -> tokens.token("wholesale", "prod/shopify/db_creds#wholesale_token"));

        assertEquals("NO_TOKEN", e.code());
        assertTrue(e.getMessage().contains("wholesale_token"), e.getMessage());
        assertFalse(e.getMessage().contains("shpat_from_secrets") || e.getMessage().contains("pw"), e.getMessage());
    }

    @Test
    void aBadReferenceIsRefused() {
        assertThrows(IllegalStateException.class, () -> tokens.token("retail", "prod/shopify/db_creds"));
    }
}
