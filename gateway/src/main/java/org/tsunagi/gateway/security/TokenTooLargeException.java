package org.tsunagi.gateway.security;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/** A bearer token longer than {@code tsunagi.api.max-token-bytes}: refused before any parsing. */
final class TokenTooLargeException extends OAuth2AuthenticationException {

    TokenTooLargeException(int max) {
        super(new OAuth2Error("invalid_token", "the bearer token is longer than " + max + " characters", null),
                "the bearer token is longer than " + max + " characters");
    }
}
