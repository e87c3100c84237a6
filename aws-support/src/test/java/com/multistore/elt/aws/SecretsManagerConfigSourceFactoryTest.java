package com.multistore.elt.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration properties from a Secrets Manager JSON secret, against a stand-in that checks the real request. */
class SecretsManagerConfigSourceFactoryTest {

    private static final String PASSWORD = "db-password-NEVER-LOG-ME";
    private static final String ADMIN = "admin-token-NEVER-LOG-ME";
    private static WireMockServer secretsManager;

    @BeforeAll
    static void start() {
        secretsManager = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        secretsManager.start();
    }

    @AfterAll
    static void stop() {
        secretsManager.stop();
    }

    @BeforeEach
    void secret() {
        secretsManager.resetAll();
        secretsManager.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(equalToJson("{\"SecretId\": \"prod/shopify/db_creds\"}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/shopify/db_creds\","
                                + "\"Name\":\"prod/shopify/db_creds\",\"SecretString\":\"{\\\"password\\\":\\\"" + PASSWORD
                                + "\\\",\\\"admin_token\\\":\\\"" + ADMIN + "\\\"}\"}")));
    }

    private SmallRyeConfig config(Map<String, String> file, Map<String, String> environment) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "aws.region", "eu-west-1",
                "aws.credentials.access-key-id", "AKIATESTKEY",
                "aws.credentials.secret-access-key", "aws-secret-NEVER-LOG-ME",
                "aws.secretsmanager.endpoint-override", secretsManager.baseUrl()));
        properties.putAll(file);
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .withSources(new SecretsManagerConfigSourceFactory())
                .build();
    }

    @Test
    void aPropertyNamedInTheSecretsMappingTakesItsValueFromTheSecret() {
        SmallRyeConfig config = config(Map.of(
                "pipeline.secrets.properties.\"quarkus.datasource.password\"", "prod/shopify/db_creds#password",
                "pipeline.secrets.properties.\"pipeline.admin.token\"", "prod/shopify/db_creds#admin_token",
                "quarkus.datasource.password", "the-file-value"), Map.of());

        assertEquals(PASSWORD, config.getValue("quarkus.datasource.password", String.class),
                "the secret wins over the properties file");
        assertEquals(ADMIN, config.getValue("pipeline.admin.token", String.class));
        // one read of the secret for both keys, signed (SigV4) like the real API wants it
        secretsManager.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withHeader("Content-Type", containing("application/x-amz-json-1.1"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIATESTKEY/\\d{8}/eu-west-1/"
                        + "secretsmanager/aws4_request, .*")));
    }

    @Test
    void theListFormNamesThePropertiesFromTheEnvironment() {
        SmallRyeConfig config = config(Map.of(), Map.of("pipeline.secrets.map",
                "quarkus.datasource.password=prod/shopify/db_creds#password, pipeline.admin.token=prod/shopify/db_creds#admin_token"));

        assertEquals(PASSWORD, config.getValue("quarkus.datasource.password", String.class));
        assertEquals(ADMIN, config.getValue("pipeline.admin.token", String.class));
    }

    @Test
    void theEnvironmentStillOverridesASecret() {
        SmallRyeConfig config = config(Map.of(
                "pipeline.secrets.properties.\"quarkus.datasource.password\"", "prod/shopify/db_creds#password"),
                Map.of("quarkus.datasource.password", "from-the-environment"));

        assertEquals("from-the-environment", config.getValue("quarkus.datasource.password", String.class));
    }

    @Test
    void aMissingKeyStopsTheStartNamingTheSecretAndTheKeyButNoValue() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> config(Map.of(
                "pipeline.secrets.properties.\"notifier.azure-ad.client-secret\"", "prod/shopify/db_creds#azure_secret"),
                Map.of()).getValue("notifier.azure-ad.client-secret", String.class));

        String message = describe(e);
        assertTrue(message.contains("prod/shopify/db_creds") && message.contains("azure_secret"), message);
        assertFalse(message.contains(PASSWORD) || message.contains(ADMIN), message);
    }

    @Test
    void withoutAMappingNoSecretIsRead() {
        SmallRyeConfig config = config(Map.of("quarkus.datasource.password", "the-file-value"), Map.of());

        assertEquals("the-file-value", config.getValue("quarkus.datasource.password", String.class));
        secretsManager.verify(0, postRequestedFor(urlEqualTo("/")));
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append(" | ");
        }
        return text.toString();
    }
}
