package com.multistore.elt.notifier;

import com.multistore.elt.testing.StandInServer;

import java.util.Map;

/** The stand-in for Azure AD, Power BI and SNS: every base URL of the service points at it. */
public class WireMockResource extends StandInServer {

    @Override
    protected Map<String, String> endpoints(String base) {
        return Map.of("notifier.azure-ad.authority", base, "notifier.powerbi.base-url", base,
                "aws.sns.endpoint-override", base);
    }
}
