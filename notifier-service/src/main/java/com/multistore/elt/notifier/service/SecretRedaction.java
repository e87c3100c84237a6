package com.multistore.elt.notifier.service;

import com.multistore.elt.notifier.config.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.regex.Pattern;

/**
 * Last line of defence before text leaves the service (alerts, the ledger's detail, REST answers, logs of errors
 * that quote a remote answer): the client secret, the access token and anything shaped like a credential are masked.
 */
@ApplicationScoped
public class SecretRedaction {

    private static final String MASK = "***";
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern FIELDS = Pattern.compile(
            "(?i)(\"?(?:client_secret|access_token|refresh_token|password)\"?\\s*[:=]\\s*\"?)[^\"&\\s,}]+");

    @Inject
    NotifierConfig config;

    @Inject
    PowerBiAccessToken token;

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        String secret = config.azureAd().clientSecret().orElse("");
        if (!secret.isBlank()) {
            out = out.replace(secret, MASK);
        }
        String current = token.cachedValue().orElse("");
        if (!current.isBlank()) {
            out = out.replace(current, MASK);
        }
        out = BEARER.matcher(out).replaceAll("$1" + MASK);
        return FIELDS.matcher(out).replaceAll("$1" + MASK);
    }
}
