package org.tsunagi.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagi.gateway.participants.CurrentCertificates;
import org.tsunagi.gateway.participants.Participant;
import org.tsunagi.gateway.participants.ParticipantRegistry;
import org.tsunagi.routes.envelope.Credentials;
import org.tsunagi.routes.envelope.SignerTrust;
import org.tsunagi.routes.envelope.SignerValidator;

/**
 * A participant with an old and a renewed certificate, seen at three moments: during the overlap both sign (a
 * {@code kid} or {@code x5t#S256} picks one) and the new one is what the gateway encrypts to; once the old one has
 * expired, only the new one signs; once both have, nothing signs and the refusal says why.
 */
class ParticipantKeySelectorTest {

    @TempDir
    Path dir;

    @Test
    void theOldCertificateStopsSigningWhenItExpiresAndTheNewOneIsEncryptedTo() throws Exception {
        Instant now = Instant.now();
        TestCa ca = TestCa.demo();
        Credentials old = ca.issue("facility-test", now.minus(Duration.ofDays(700)), now.plus(Duration.ofDays(1)));
        Credentials renewed = ca.issue("facility-test", now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)));
        TestCa.writeCertificate(old.certificate(), dir.resolve("old.pem"));
        TestCa.writeCertificate(renewed.certificate(), dir.resolve("new.pem"));
        Path yaml = Files.writeString(dir.resolve("participants.yaml"), """
                participants:
                  - id: facility-test
                    name: test
                    role: CORRECTIONAL_FACILITY
                    certificates: [old.pem, new.pem]
                    may-send: [ReleaseNotice]
                """);
        ParticipantRegistry registry = ParticipantRegistry.load(yaml, Set.of("ReleaseNotice"), purpose -> true);
        Participant participant = registry.find("facility-test").orElseThrow();

        Selection overlap = at(now, registry);
        assertThat(overlap.keys(null, null)).containsExactlyInAnyOrder(old.certificate().getPublicKey(),
                renewed.certificate().getPublicKey());
        assertThat(overlap.keys(x5t(old.certificate()).toString(), null)).containsExactly(old.certificate().getPublicKey());
        assertThat(overlap.keys(null, x5t(renewed.certificate())))
                .containsExactly(renewed.certificate().getPublicKey());
        assertThat(overlap.keys(JWK.parse(renewed.certificate()).computeThumbprint().toString(), null))
                .as("kid as the RFC 7638 thumbprint").containsExactly(renewed.certificate().getPublicKey());
        assertThat(overlap.keys("someone-else", null)).isEmpty();
        assertThat(overlap.current().forEncryption(participant)).isEqualTo(renewed.certificate());
        assertThat(overlap.current().refusal(participant)).isEmpty();

        Selection afterOldExpired = at(now.plus(Duration.ofDays(2)), registry);
        assertThat(afterOldExpired.keys(null, null)).containsExactly(renewed.certificate().getPublicKey());
        assertThat(afterOldExpired.keys(x5t(old.certificate()).toString(), null)).isEmpty();
        assertThat(afterOldExpired.current().refusal(participant)).isEmpty();

        Selection bothExpired = at(now.plus(Duration.ofDays(400)), registry);
        assertThat(bothExpired.current().valid(participant)).isEmpty();
        assertThat(bothExpired.current().refusal(participant)).hasValueSatisfying(
                why -> assertThat(why).contains("facility-test", "CERTIFICATE_EXPIRED"));
        assertThat(bothExpired.current().forEncryption(participant)).isEqualTo(renewed.certificate());
    }

    private record Selection(ParticipantKeySelector selector, CurrentCertificates current) {
        List<Object> keys(String kid, Base64URL x5t) throws Exception {
            JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256);
            if (kid != null) {
                header.keyID(kid);
            }
            if (x5t != null) {
                header.x509CertSHA256Thumbprint(x5t);
            }
            return List.copyOf(selector.selectKeys(header.build(), new JWTClaimsSet.Builder().issuer("facility-test").build(),
                    null));
        }
    }

    private static Selection at(Instant instant, ParticipantRegistry registry) throws Exception {
        Clock clock = Clock.fixed(instant, ZoneOffset.UTC);
        SignerValidator validator = new SignerValidator(SignerTrust.of(List.of(TestCa.demo().certificate()),
                List.of(TestCa.KEYS.resolve("ca/crl.pem"))), clock);
        CurrentCertificates current = new CurrentCertificates(validator, clock);
        return new Selection(new ParticipantKeySelector(registry, current), current);
    }

    private static Base64URL x5t(X509Certificate certificate) throws Exception {
        return Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }
}
