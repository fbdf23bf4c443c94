package org.tsunagi.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** Spring's resolver (header only), refusing an oversized token before Nimbus parses it. */
final class BoundedBearerTokenResolver implements BearerTokenResolver {

    private final DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();
    private final int maxBytes;

    BoundedBearerTokenResolver(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public String resolve(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.length() > maxBytes + "Bearer ".length()) {
            throw new TokenTooLargeException(maxBytes);
        }
        return resolver.resolve(request);
    }
}
