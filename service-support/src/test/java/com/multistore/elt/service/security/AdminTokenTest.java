package com.multistore.elt.service.security;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminTokenTest {

    private final AdminToken token = new AdminToken(Optional.of("s3cret-token"));

    @Test
    void admitsExactlyTheConfiguredBearerToken() {
        assertTrue(token.admits("Bearer s3cret-token"));
        assertTrue(token.admits("bearer s3cret-token"));
    }

    @Test
    void refusesAnythingElse() {
        assertFalse(token.admits(null));
        assertFalse(token.admits(""));
        assertFalse(token.admits("s3cret-token"));
        assertFalse(token.admits("Basic s3cret-token"));
        assertFalse(token.admits("Bearer s3cret-toke"));
        assertFalse(token.admits("Bearer s3cret-token-and-more"));
    }

    @Test
    void withoutAConfiguredTokenNothingIsAdmitted() {
        AdminToken none = new AdminToken(Optional.of("  "));
        assertFalse(none.configured());
        assertFalse(none.admits("Bearer "));
        assertFalse(new AdminToken(Optional.empty()).admits("Bearer anything"));
    }
}
