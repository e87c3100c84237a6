package com.multistore.elt.loader.archive;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.multistore.elt.aws.AwsSettings;
import com.multistore.elt.events.Entity;
import com.multistore.elt.loader.config.LoaderConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The S3 archive against a WireMock S3 endpoint: the real SDK requests (path style, SigV4) and responses. */
class S3ArchiveTest {

    private static final String BUCKET = "pipeline-raw-archive";
    private static WireMockServer s3Endpoint;
    private static S3Client client;

    private final String key = ArchiveKeys.batch("retail", Entity.ORDERS, LocalDate.parse("2026-11-21"), "run-1", 2);
    private S3Archive archive;

    @BeforeAll
    static void startEndpoint() {
        s3Endpoint = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        s3Endpoint.start();
        System.setProperty("aws.accessKeyId", "test-key-id");
        System.setProperty("aws.secretAccessKey", "test-secret");
        AwsSettings aws = new AwsSettings(key -> Optional.empty());
        client = ArchiveTargets.s3Client(aws, aws.httpClient(), new LoaderConfig.S3() {
            public String bucket() {
                return BUCKET;
            }

            public String prefix() {
                return "raw/";
            }

            public Optional<String> region() {
                return Optional.of("eu-west-1");
            }

            public Optional<URI> endpointOverride() {
                return Optional.of(URI.create(s3Endpoint.baseUrl()));
            }
        });
    }

    @AfterAll
    static void stopEndpoint() {
        client.close();
        s3Endpoint.stop();
    }

    @BeforeEach
    void fresh() {
        s3Endpoint.resetAll();
        archive = new S3Archive(client, BUCKET, "raw/");
    }

    /** The object's request path as the SDK sends it (path style; '=' percent-encoded). */
    private static String path(String key) {
        return "/" + BUCKET + "/raw/" + key.replace("=", "%3D");
    }

    @Test
    void writesABatchAsOneSignedPutUnderThePrefix() throws IOException {
        byte[] lines = "{\"runId\":\"run-1\"}\n".getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(compressed)) {
            out.write(lines);
        }
        byte[] gz = compressed.toByteArray();
        s3Endpoint.stubFor(put(urlEqualTo(path(key))).willReturn(aResponse().withStatus(200)));

        String uri = archive.write(key, gz);

        assertEquals("s3://" + BUCKET + "/raw/store=retail/entity=orders/date=2026-11-21/run=run-1-2.jsonl.gz", uri);
        s3Endpoint.verify(putRequestedFor(urlEqualTo(path(key)))
                // WireMock matches a gzip body by its decompressed content; the length shows the gzip bytes were sent
                .withRequestBody(binaryEqualTo(lines))
                .withHeader("Content-Length", equalTo(Integer.toString(gz.length)))
                .withHeader("Content-Type", equalTo("application/gzip"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=test-key-id/\\d{8}/eu-west-1/s3/aws4_request.*")));
    }

    @Test
    void aRefusedPutIsAnIoFailure() {
        s3Endpoint.stubFor(put(urlEqualTo(path(key))).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>")));

        IOException failure = assertThrows(IOException.class, () -> archive.write(key, new byte[] {1}));
        assertTrue(failure.getMessage().contains("Access Denied"), failure.getMessage());
    }

    @Test
    void listsADaysBatchesAndStoresAndReadsThemBack() throws IOException {
        String day = ArchiveKeys.dayPrefix("retail", Entity.ORDERS, LocalDate.parse("2026-11-21"));
        s3Endpoint.stubFor(get(urlPathMatching("/" + BUCKET + "/?")).withQueryParam("list-type", equalTo("2"))
                .withQueryParam("prefix", equalTo("raw/" + day))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/xml").withBody("""
                        <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                          <Name>%1$s</Name><Prefix>raw/%2$s</Prefix><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys>
                          <IsTruncated>false</IsTruncated>
                          <Contents><Key>raw/%2$srun=run-1-2.jsonl.gz</Key><Size>7</Size></Contents>
                          <Contents><Key>raw/%2$srun=run-1-1.jsonl.gz</Key><Size>7</Size></Contents>
                        </ListBucketResult>""".formatted(BUCKET, day))));
        s3Endpoint.stubFor(get(urlPathMatching("/" + BUCKET + "/?")).withQueryParam("list-type", equalTo("2"))
                .withQueryParam("prefix", equalTo("raw/store=")).withQueryParam("delimiter", equalTo("/"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/xml").withBody("""
                        <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                          <Name>%s</Name><Prefix>raw/store=</Prefix><Delimiter>/</Delimiter><KeyCount>2</KeyCount>
                          <MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>
                          <CommonPrefixes><Prefix>raw/store=wholesale/</Prefix></CommonPrefixes>
                          <CommonPrefixes><Prefix>raw/store=retail/</Prefix></CommonPrefixes>
                        </ListBucketResult>""".formatted(BUCKET))));
        byte[] content = "{\"runId\":\"run-1\"}\n".getBytes(StandardCharsets.UTF_8);
        s3Endpoint.stubFor(get(urlEqualTo(path(day + "run=run-1-1.jsonl.gz")))
                .willReturn(aResponse().withStatus(200).withBody(content)));

        assertEquals(List.of(day + "run=run-1-1.jsonl.gz", day + "run=run-1-2.jsonl.gz"), archive.list(day));
        assertEquals(List.of("retail", "wholesale"), archive.stores());
        try (InputStream in = archive.open(day + "run=run-1-1.jsonl.gz")) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }
}
