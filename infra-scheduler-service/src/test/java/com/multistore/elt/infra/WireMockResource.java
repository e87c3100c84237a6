package com.multistore.elt.infra;

import com.multistore.elt.testing.StandInServer;

import java.util.Map;

/** The stand-in for the EC2 and SNS APIs (their endpoint overrides point at it). */
public class WireMockResource extends StandInServer {

    @Override
    protected Map<String, String> endpoints(String base) {
        return Map.of("aws.ec2.endpoint-override", base, "aws.sns.endpoint-override", base);
    }
}
