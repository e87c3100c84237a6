package com.multistore.elt.service.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** The configured admin token, and a constant-time check of a request's Authorization header against it. */
public final class AdminToken {

    private static final String BEARER = "Bearer ";
    private final byte[] expected;

    public AdminToken(Optional<String> configured) {
        this.expected = configured.map(String::trim).filter(t -> !t.isEmpty())
                .map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    public boolean configured() {
        return expected != null;
    }

    /** True only when a token is configured and the header carries exactly it. */
    public boolean admits(String authorizationHeader) {
        if (expected == null || authorizationHeader == null
                || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] presented = authorizationHeader.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, presented);
    }
}
