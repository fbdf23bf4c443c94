package org.tsunagi.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tsunagi.gateway.security.TestCa;
import org.tsunagi.routes.envelope.Credentials;
import org.tsunagi.routes.envelope.KeyMaterial;
import org.tsunagi.routes.envelope.MessageOpener;
import org.tsunagi.routes.envelope.SignerTrust;
import org.tsunagi.routes.envelope.SignerValidator;
import org.tsunagi.routes.pipeline.Decision;

/**
 * A renewal overlap: probation-nagoya registered with its old (demo) certificate and a new one. Drops signed with
 * either are accepted, bearer tokens signed with either are accepted (a {@code kid} or {@code x5t#S256} picks one),
 * and what the gateway encrypts to it (receipts) goes to the new one. Then the old certificate is revoked by
 * replacing the CRL file on disk: after the scheduled reload, only the new one signs drops and tokens.
 */
class CertificateRenewalTest extends PipelineTestSupport {

    private static final Path DIR = Path.of("target/renewal-" + UUID.randomUUID()).toAbsolutePath();
    private static final String PROBATION = "probation-nagoya";
    private static final Credentials OLD = DemoParticipants.credentials(PROBATION);
    private static Credentials renewed;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void renewalOverlap(DynamicPropertyRegistry registry) throws Exception {
        Files.createDirectories(DIR);
        Instant now = Instant.now();
        renewed = TestCa.demo().issue(PROBATION, now.minusSeconds(60), now.plusSeconds(86_400L * 365));
        TestCa.writeCertificate(renewed.certificate(), DIR.resolve("new-cert.pem"));
        String keys = DemoParticipants.KEYS.toAbsolutePath().normalize() + "/";
        String yaml = Files.readString(Path.of("config/participants.yaml")).replace("../../keys-example/", keys)
                .replace("certificate: " + keys + "probation-nagoya/cert.pem", "certificates: [" + keys
                        + "probation-nagoya/cert.pem, " + DIR.resolve("new-cert.pem") + "]");
        assertThat(yaml).contains("certificates: [");
        Files.writeString(DIR.resolve("participants.yaml"), yaml);
        Files.copy(DemoParticipants.KEYS.resolve("ca/crl.pem"), DIR.resolve("crl.pem"));
        registry.add("tsunagi.data-dir", () -> "./" + Path.of("").toAbsolutePath().relativize(DIR.resolve("data")));
        registry.add("tsunagi.participants.file", () -> DIR.resolve("participants.yaml").toString());
        registry.add("tsunagi.trust.crls", () -> DIR.resolve("crl.pem").toString());
        registry.add("tsunagi.trust.crl-reload-interval", () -> "1s");
    }

    @Test
    void eitherCertificateWorksDuringTheOverlapAndOnlyTheNewOneOnceTheOldIsRevoked() throws Exception {
        assertThat(renewed.certificate()).isNotEqualTo(OLD.certificate());
        for (Credentials signer : List.of(OLD, renewed)) {
            StoredDecision decision = drop(signer);
            assertThat(decision.verdict()).as(decision.reasonCode()).isEqualTo(Decision.Verdict.ACCEPTED);
            // The receipt is sealed to the newest valid certificate: the renewed one opens it, the old one cannot.
            byte[] receipt = fixture.receipt(decision);
            assertThat(open(receipt, renewed)).contains("<Outcome>ACCEPTED</Outcome>");
            assertThatThrownBy(() -> open(receipt, OLD)).isInstanceOf(Exception.class);
            assertThat(list(token(signer, null, null))).isEqualTo(200);
        }
        assertThat(list(token(renewed, null, thumbprint(renewed.certificate())))).isEqualTo(200);
        assertThat(list(token(renewed, thumbprint(renewed.certificate()), null))).isEqualTo(200);
        assertThat(list(token(OLD, thumbprint(OLD.certificate()), null))).isEqualTo(200);
        assertThat(list(token(renewed, thumbprint(OLD.certificate()), null)))
                .as("a kid naming the other certificate").isEqualTo(401);

        revoke(OLD.certificate());
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (list(token(OLD, null, null)) == 200 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(list(token(OLD, null, null))).as("a token signed with the revoked key").isEqualTo(401);
        assertThat(list(token(OLD, thumbprint(OLD.certificate()), null))).isEqualTo(401);
        assertThat(list(token(renewed, null, null))).isEqualTo(200);

        StoredDecision refused = drop(OLD);
        assertThat(refused.verdict()).isEqualTo(Decision.Verdict.REFUSED);
        assertThat(refused.reasonCode()).isEqualTo("CERTIFICATE_REVOKED");
        assertThat(open(fixture.receipt(refused), renewed)).contains("<ReasonCode>CERTIFICATE_REVOKED</ReasonCode>");
        StoredDecision accepted = drop(renewed);
        assertThat(accepted.verdict()).as(accepted.reasonCode()).isEqualTo(Decision.Verdict.ACCEPTED);
    }

    private StoredDecision drop(Credentials signer) throws Exception {
        return fixture.drop(PROBATION, DemoParticipants.sealToGateway(DemoParticipants.sample("ProbationCaseUpdate"),
                signer));
    }

    /** Replaces the CRL on disk with one that also revokes {@code certificate}, as {@code generate.sh revoke} would. */
    private static void revoke(X509Certificate certificate) throws Exception {
        X509CRL current;
        try (InputStream in = Files.newInputStream(DIR.resolve("crl.pem"))) {
            current = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        }
        List<BigInteger> revoked = new ArrayList<>();
        if (current.getRevokedCertificates() != null) {
            current.getRevokedCertificates().stream().map(X509CRLEntry::getSerialNumber).forEach(revoked::add);
        }
        revoked.add(certificate.getSerialNumber());
        Instant now = Instant.now();
        TestCa.write(TestCa.demo().crl(now.minusSeconds(1), now.plusSeconds(86_400), revoked), DIR.resolve("crl.pem"));
    }

    private static String open(byte[] sealed, Credentials recipient) throws Exception {
        SignerTrust trust = SignerTrust.of(List.of(KeyMaterial.certificate(DemoParticipants.KEYS.resolve("ca/cert.pem"))),
                List.of(DemoParticipants.KEYS.resolve("ca/crl.pem")));
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        new MessageOpener(recipient, new SignerValidator(trust)).open(new ByteArrayInputStream(sealed), xml);
        return xml.toString(StandardCharsets.UTF_8);
    }

    private static Base64URL thumbprint(X509Certificate certificate) throws Exception {
        return Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    /** A bearer token signed with {@code signer}'s key, with an optional {@code kid} and {@code x5t#S256}. */
    private static String token(Credentials signer, Base64URL kid, Base64URL x5t) throws Exception {
        Instant now = Instant.now();
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256);
        if (kid != null) {
            header.keyID(kid.toString());
        }
        if (x5t != null) {
            header.x509CertSHA256Thumbprint(x5t);
        }
        SignedJWT jwt = new SignedJWT(header.build(), new JWTClaimsSet.Builder().issuer(PROBATION)
                .audience("tsunagi-gateway").issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(120)))
                .jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(new ECDSASigner((ECPrivateKey) signer.privateKey()));
        return jwt.serialize();
    }

    /** GET /api/v1/messages?kind=receipt with the token: the status code. */
    private int list(String token) throws Exception {
        HttpClient http = DemoParticipants.https();
        return http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port
                                + "/api/v1/messages?kind=receipt&limit=1"))
                        .header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
