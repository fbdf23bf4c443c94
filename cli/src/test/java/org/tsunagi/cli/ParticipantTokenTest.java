package org.tsunagi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ParticipantTokenTest {

    private static final Path KEYS = Path.of("..", "keys-example");
    private static final Instant NOW = Instant.parse("2026-04-01T09:00:00Z");

    private static X509Certificate cert(String participant) throws Exception {
        try (InputStream in = Files.newInputStream(KEYS.resolve(participant).resolve("cert.pem"))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static ParticipantToken token(String participant) throws Exception {
        return new ParticipantToken(participant, org.tsunagi.routes.envelope.KeyMaterial.privateKey(KEYS.resolve(participant).resolve("key.pem")),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void ecKeysSignEs256TokensWithTheContractClaims() throws Exception {
        SignedJWT jwt = SignedJWT.parse(token("auditor").mint());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.verify(new ECDSAVerifier((ECPublicKey) cert("auditor").getPublicKey()))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("auditor");
        assertThat(claims.getAudience()).containsExactly("tsunagi-gateway");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(NOW);
        assertThat(Duration.between(NOW, claims.getExpirationTime().toInstant())).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(SignedJWT.parse(token("auditor").mint()).getJWTClaimsSet().getJWTID()).isNotEqualTo(claims.getJWTID());
    }

    @Test
    void rsaKeysSignPs256Tokens() throws Exception {
        SignedJWT jwt = SignedJWT.parse(token("230006").mint());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.PS256);
        assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) cert("230006").getPublicKey()))).isTrue();
    }

    @Test
    void lifetimesBeyondFiveMinutesAndNonKeysAreRefused() throws Exception {
        assertThatThrownBy(() -> token("auditor").mint(Duration.ofMinutes(6))).hasMessageContaining("5 minutes");
        assertThatThrownBy(() -> ParticipantToken.load("auditor", KEYS.resolve("auditor/cert.pem")))
                .hasMessageContaining("no PKCS#8 PEM private key found");
    }
}
