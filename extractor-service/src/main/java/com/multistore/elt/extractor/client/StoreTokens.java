package com.multistore.elt.extractor.client;

import com.multistore.elt.service.store.StoresConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A store's Admin API token: {@code pipeline.stores.<code>.access-token} (from the environment,
 * {@code PIPELINE_STORES_<CODE>_ACCESS_TOKEN}), else the JSON secret named by {@code access-token-secret} in AWS
 * Secrets Manager. Tokens are never logged; errors name the store and the setting, not the value.
 */
@ApplicationScoped
public class StoreTokens {

    @Inject
    StoresConfig stores;

    @Inject
    SecretsManagerTokens secrets;

    public String token(String code) {
        StoresConfig.Store store = stores.store(code);
        if (store.accessToken().isPresent() && !store.accessToken().get().isBlank()) {
            return store.accessToken().get();
        }
        if (store.accessTokenSecret().isPresent()) {
            return secrets.token(code, store.accessTokenSecret().get());
        }
        throw new ShopifyApiException("NO_TOKEN", "store " + code + " has no access token: set pipeline.stores."
                + code + ".access-token (env PIPELINE_STORES_" + code.toUpperCase(java.util.Locale.ROOT)
                + "_ACCESS_TOKEN) or pipeline.stores." + code + ".access-token-secret");
    }
}
