package com.multistore.elt.extractor.client;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A body that stops arriving fails with a timeout, never as a silent end; one that keeps arriving is read whole. */
class IdleTimeoutInputStreamTest {

    @Test
    void aBodyThatStopsMidwayFailsWithATimeoutInsteadOfBlocking() throws Exception {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        try {
            // the headers at once, then the body in two halves 2 s apart: the JDK client's own timeout is over
            server.stubFor(get(urlEqualTo("/bulk/result.jsonl")).willReturn(aResponse().withStatus(200)
                    .withBody("{\"id\":\"gid://shopify/Order/1\"}\n{\"id\":\"gid://shopify/Order/2\"}\n")
                    .withChunkedDribbleDelay(2, 4_000)));
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(server.baseUrl() + "/bulk/result.jsonl")).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());

            try (IdleTimeoutInputStream body = new IdleTimeoutInputStream(response.body(), Duration.ofMillis(500),
                    "bulk result download")) {
                HttpTimeoutException e = assertThrows(HttpTimeoutException.class, body::readAllBytes,
                        "a stalled body ends in a timeout, never as a (truncated) end of the file");
                assertTrue(e.getMessage().contains("bulk result download") && e.getMessage().contains("PT0.5S"),
                        e.getMessage());
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void aSlowButSteadyBodyIsReadWhole() throws Exception {
        PipedOutputStream server = new PipedOutputStream();
        PipedInputStream received = new PipedInputStream(server);
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < 10; i++) {
                    server.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                    server.flush();
                    Thread.sleep(100);
                }
                server.close();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();

        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try (IdleTimeoutInputStream body = new IdleTimeoutInputStream(received, Duration.ofSeconds(5), "bulk result download")) {
            body.transferTo(read);
        }
        writer.join();
        assertEquals(10, read.toString(StandardCharsets.UTF_8).lines().count());
    }
}
