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
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.tsunagi.gateway.participants.CurrentCertificates;
import org.tsunagi.gateway.participants.ParticipantRegistry;
import org.tsunagi.routes.envelope.KeyMaterial;
import org.tsunagi.routes.envelope.SignerTrust;
import org.tsunagi.routes.envelope.SignerValidator;

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

    private static X509Certificate certificate(String file) {
        try {
            return KeyMaterial.certificate(Path.of(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The decoder of {@code ApiSecurity} without the validators that need the database (replay cache). */
    private static NimbusJwtDecoder decoder() {
        ParticipantRegistry registry = ParticipantRegistry.load(Path.of("config/participants.yaml"),
                Set.of("ReleaseNotice", "ProbationCaseUpdate", "InformationRequest", "InformationResponse",
                        "SupportOutcome", "StatisticsReport", "Receipt"), purpose -> true);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWTClaimsSetAwareJWSKeySelector(new ParticipantKeySelector(registry,
                new CurrentCertificates(new SignerValidator(SignerTrust.of(List.of(certificate("../keys-example/ca/cert.pem")),
                        List.of(Path.of("../keys-example/ca/crl.pem")))), Clock.systemUTC())));
        processor.setJWSVerifierFactory(new Ed25519JcaVerifierFactory());
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>("tsunagi-gateway",
                new JWTClaimsSet.Builder().build(), Set.of("iss", "aud", "exp", "iat", "jti")));
        return new NimbusJwtDecoder(processor);
    }
}
