package org.tsunagi.gateway.audit;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

/**
 * TEST ONLY: a stand-in for the HTTPS API's JWT filter chain (built elsewhere), honouring the same contract:
 * bearer JWT signed by the participant's key from keys-example, aud "tsunagi-gateway", principal = iss,
 * ROLE_AUDITOR for "auditor", ROLE_RECIPIENT for others.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestParticipantJwtSecurity {

    static final Path KEYS = Path.of("..", "keys-example");

    @Bean
    @Order(0)
    SecurityFilterChain testAuditApiSecurity(HttpSecurity http) throws Exception {
        JwtDecoder decoder = TestParticipantJwtSecurity::decode;
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .csrf(c -> c.disable())
                .oauth2ResourceServer(o -> o.jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(jwt ->
                        new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority(
                                "auditor".equals(jwt.getClaimAsString("iss")) ? "ROLE_AUDITOR" : "ROLE_RECIPIENT")),
                                jwt.getClaimAsString("iss")))))
                .build();
    }

    private static Jwt decode(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            String issuer = claims.getIssuer();
            if (issuer == null || !issuer.matches("[a-z0-9-]+")) {
                throw new BadJwtException("bad issuer");
            }
            X509Certificate cert;
            try (InputStream in = Files.newInputStream(KEYS.resolve(issuer).resolve("cert.pem"))) {
                cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            JWSVerifier verifier = cert.getPublicKey() instanceof ECPublicKey ec ? new ECDSAVerifier(ec)
                    : new RSASSAVerifier((RSAPublicKey) cert.getPublicKey());
            if (!jwt.verify(verifier) || !claims.getAudience().contains("tsunagi-gateway")
                    || claims.getExpirationTime().toInstant().isBefore(Instant.now())) {
                throw new BadJwtException("token refused");
            }
            return Jwt.withTokenValue(token).headers(h -> h.putAll(jwt.getHeader().toJSONObject()))
                    .claims(c -> c.putAll(claims.getClaims())).issuedAt(claims.getIssueTime().toInstant())
                    .expiresAt(claims.getExpirationTime().toInstant()).build();
        } catch (BadJwtException e) {
            throw e;
        } catch (Exception e) {
            throw new BadJwtException("token refused: " + e.getMessage(), e);
        }
    }
}
