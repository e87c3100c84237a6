package com.multistore.elt.notifier.service;

import com.multistore.elt.notifier.client.AzureAdTokenClient;
import com.multistore.elt.notifier.client.AzureAdTokenClient.AccessToken;
import com.multistore.elt.notifier.config.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Optional;

/** The Power BI access token, fetched from Azure AD and kept until shortly before it expires. */
@ApplicationScoped
public class PowerBiAccessToken {

    @Inject
    AzureAdTokenClient azureAd;

    @Inject
    NotifierConfig config;

    private AccessToken cached;

    public synchronized String current() {
        if (cached == null || Instant.now().isAfter(cached.expiresAt().minus(config.azureAd().expiryMargin()))) {
            cached = azureAd.fetch();
        }
        return cached.value();
    }

    /** Forgets the cached token (Power BI refused it: the next call fetches a new one). */
    public synchronized void invalidate() {
        cached = null;
    }

    synchronized Optional<String> cachedValue() {
        return Optional.ofNullable(cached).map(AccessToken::value);
    }
}
