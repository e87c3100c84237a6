package com.multistore.elt.notifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/** Everything the notifier needs to know about Power BI, Azure AD, SNS and its alerts ({@code notifier.*}). */
@ConfigMapping(prefix = "notifier")
public interface NotifierConfig {

    /**
     * How long a claimed notification belongs to the delivery that claimed it without a sign of life: the claimer
     * renews it at every step (each poll of a refresh), so it must exceed the longest single step (one HTTP call with
     * its retries, or one poll interval). A redelivered event whose send is PENDING under a live lease is tried again
     * by the inbox until the send is finished or the lease runs out (its claimer crashed); then it is resumed.
     */
    @WithDefault("PT5M")
    Duration claimLease();

    PowerBi powerbi();

    @WithName("azure-ad")
    AzureAd azureAd();

    Sns sns();

    Alert alert();

    Http http();

    interface PowerBi {
        @WithDefault("https://api.powerbi.com")
        URI baseUrl();

        /** Sent as {@code notifyOption} with each refresh request. */
        @WithDefault("NoNotification")
        String notifyOption();

        /** The datasets refreshed after a successful run, by name: {@code notifier.powerbi.datasets.<name>.*}. */
        Map<String, Dataset> datasets();

        @WithDefault("PT15S")
        Duration pollInterval();

        /** A refresh without a final status after this long counts as failed. */
        @WithDefault("PT30M")
        Duration pollTimeout();

        /** Refreshes asked for per dataset and quota day (Power BI allows 8 a day on shared capacity). */
        @WithDefault("8")
        int dailyCap();

        /** The time zone whose calendar day the cap counts. */
        @WithDefault("UTC")
        ZoneId quotaZone();

        /**
         * How many times a refresh is asked for when Power BI's answer does not come (timeout, 429, 5xx, I/O); before
         * each further ask the refresh history is read, and a refresh started since the first ask is taken as the
         * answer (so an accepted request whose answer was lost is never asked twice).
         */
        @WithDefault("3")
        int requestTries();

        /** How far the history's {@code startTime} may lie before our ask and still be taken as its refresh. */
        @WithDefault("PT30S")
        Duration clockSkew();
    }

    interface Dataset {
        /** The workspace (group) id. */
        String groupId();

        String datasetId();
    }

    interface AzureAd {
        @WithDefault("https://login.microsoftonline.com")
        URI authority();

        Optional<String> tenantId();

        Optional<String> clientId();

        /** A secret: environment {@code NOTIFIER_AZURE_AD_CLIENT_SECRET}; never logged or sent anywhere but Azure AD. */
        Optional<String> clientSecret();

        @WithDefault("https://analysis.windows.net/powerbi/api/.default")
        String scope();

        /** A cached token is renewed this long before it expires. */
        @WithDefault("PT5M")
        Duration expiryMargin();
    }

    interface Sns {
        Optional<String> topicArn();
    }

    interface Alert {
        @WithDefault("ELT")
        String subjectPrefix();

        /** Where an engineer should look, by name (e.g. {@code transformer=http://etl-host:8083}); listed in alerts. */
        Map<String, String> links();
    }

    interface Http {
        @WithDefault("PT10S")
        Duration connectTimeout();

        @WithDefault("PT30S")
        Duration requestTimeout();
    }
}
