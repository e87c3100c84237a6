package com.multistore.elt.infra;

import com.multistore.elt.testing.StandInServer;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * The stand-in for EC2, SNS and Secrets Manager: every AWS endpoint of the service points at it. The admin token and
 * the alert topic come from a Secrets Manager JSON secret (read at start-up through aws-support's configuration
 * source), so every test that calls an admin endpoint or checks an alert's topic also proves that path.
 */
public class WireMockResource extends StandInServer {

    static final String ADMIN_TOKEN = "test-admin-token-infra";
    static final String ALERT_TOPIC = "arn:aws:sns:eu-west-1:123456789012:infra-alerts";

    @Override
    protected Map<String, String> endpoints(String base) {
        server().stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(equalToJson("{\"SecretId\": \"test/elt/infra\"}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"Name\":\"test/elt/infra\",\"SecretString\":\"{\\\"admin_token\\\":\\\""
                                + ADMIN_TOKEN + "\\\",\\\"alert_topic\\\":\\\"" + ALERT_TOPIC + "\\\"}\"}")));
        return Map.of("aws.ec2.endpoint-override", base, "aws.sns.endpoint-override", base,
                "aws.secretsmanager.endpoint-override", base,
                "pipeline.secrets.properties.\"pipeline.admin.token\"", "test/elt/infra#admin_token",
                "pipeline.secrets.properties.\"infra.sns.topic-arn\"", "test/elt/infra#alert_topic");
    }
}
