package org.tsunagi.gateway.security;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.tsunagi.gateway.participants.ParticipantRegistry;

/**
 * Jazzer fuzz test of bearer-token parsing and verification as the API does it (Nimbus JOSE through Spring's
 * decoder, the participant key selector, the Ed25519 verifier factory, the claims rules): whatever the token, the
 * decoder returns a verified JWT or throws a {@link JwtException} (which the API answers with 401), never another
 * exception or error. Seeds and findings: {@code src/test/resources/org/tsunagi/gateway/security/TokenFuzzTestInputs}.
 */
class TokenFuzzTest {

    private static final NimbusJwtDecoder DECODER = decoder();

    @FuzzTest(maxDuration = "10m")
    void decode(byte[] token) {
        try {
            DECODER.decode(new String(token, StandardCharsets.UTF_8));
        } catch (JwtException refused) {
            // the expected outcome for almost every input
        }
    }

    /** The decoder of {@code ApiSecurity} without the validators that need the database (replay cache). */
    private static NimbusJwtDecoder decoder() {
        ParticipantRegistry registry = ParticipantRegistry.load(Path.of("config/participants.yaml"),
                Set.of("ReleaseNotice", "ProbationCaseUpdate", "InformationRequest", "InformationResponse",
                        "SupportOutcome", "StatisticsReport", "Receipt"), purpose -> true);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWTClaimsSetAwareJWSKeySelector(new ParticipantKeySelector(registry));
        processor.setJWSVerifierFactory(new Ed25519JcaVerifierFactory());
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>("tsunagi-gateway",
                new JWTClaimsSet.Builder().build(), Set.of("iss", "aud", "exp", "iat", "jti")));
        return new NimbusJwtDecoder(processor);
    }
}
