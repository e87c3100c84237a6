package com.multistore.elt.notifier.client;

import com.multistore.elt.notifier.config.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The one JDK HTTP client of the service, and the mapping of answers to outcomes: 2xx returned, 429/5xx/I-O as
 * {@link TransientHttpFailure}, other statuses as {@link PermanentHttpFailure}. The messages carry the status and the
 * start of the body (never the request: it holds credentials).
 */
@ApplicationScoped
public class HttpCalls {

    private static final int BODY_EXCERPT = 300;

    private final HttpClient client;
    private final NotifierConfig config;

    @Inject
    public HttpCalls(NotifierConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder().connectTimeout(config.http().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(config.http().requestTimeout());
    }

    /** Sends the request; {@code what} names the call in error messages. */
    public HttpResponse<String> send(HttpRequest request, String what) {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TransientHttpFailure(what + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientHttpFailure(what + ": interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        String message = what + ": HTTP " + status + " " + excerpt(response.body());
        if (status == 429 || status >= 500) {
            throw new TransientHttpFailure(message, null);
        }
        throw new PermanentHttpFailure(status, message);
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() <= BODY_EXCERPT ? flat : flat.substring(0, BODY_EXCERPT) + "...";
    }
}
