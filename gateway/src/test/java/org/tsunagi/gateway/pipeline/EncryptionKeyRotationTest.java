package org.tsunagi.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tsunagi.routes.envelope.Credentials;
import org.tsunagi.routes.envelope.KeyMaterial;
import org.tsunagi.routes.envelope.MessageSealer;
import org.tsunagi.routes.pipeline.Decision;

/**
 * A gateway in the middle of an encryption key rotation: configured with a new key (generated here, issued by the
 * demo CA) as current and the demo key as previous. Drops sealed to either are accepted; a drop sealed to a key it
 * does not hold is still refused as NOT_FOR_THIS_RECIPIENT; the public endpoint publishes the new certificate as
 * current, the old one as previous, and the signing certificate, to a caller without a token.
 */
class EncryptionKeyRotationTest extends PipelineTestSupport {

    private static final Path KEYS = Path.of("target/key-rotation-" + UUID.randomUUID());
    private static final Path OLD_CERT = DemoParticipants.KEYS.resolve("gateway/encryption-cert.pem").toAbsolutePath();
    private static final Path OLD_KEY = DemoParticipants.KEYS.resolve("gateway/encryption-key.pem").toAbsolutePath();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void rotatedKeys(DynamicPropertyRegistry registry) throws Exception {
        // Its own gateway, files and database: the other pipeline tests' gateway holds only the old key.
        registry.add("tsunagi.data-dir", () -> "./" + KEYS.resolve("data")); // H2 wants ./ for a relative path
        issue("new", KEYS);
        registry.add("tsunagi.keys.encryption-certificate", () -> KEYS.resolve("new-cert.pem").toAbsolutePath());
        registry.add("tsunagi.keys.encryption-key", () -> KEYS.resolve("new-key.pem").toAbsolutePath());
        registry.add("tsunagi.keys.previous-decryption[0].cert", () -> OLD_CERT);
        registry.add("tsunagi.keys.previous-decryption[0].key", () -> OLD_KEY);
    }

    @Test
    void dropsSealedToTheNewAndToThePreviousKeyAreBothAccepted() throws Exception {
        X509Certificate current = KeyMaterial.certificate(KEYS.resolve("new-cert.pem"));
        X509Certificate previous = KeyMaterial.certificate(OLD_CERT);
        assertThat(current).isNotEqualTo(previous);

        for (X509Certificate to : List.of(current, previous)) {
            String notice = DemoParticipants.sample("ReleaseNotice");
            StoredDecision decision = fixture.drop("facility-nagoya", seal(notice, to));
            assertThat(decision.verdict()).as(decision.reasonCode()).isEqualTo(Decision.Verdict.ACCEPTED);
            assertThat(decision.messageId()).isEqualTo(DemoParticipants.messageId(notice));
            assertThat(fixture.ledger(decision.messageId())).extracting(e -> e.get("event")).contains("DISCLOSED");
        }
    }

    @Test
    void aDropSealedToAKeyTheGatewayDoesNotHoldIsRefusedAsBefore() throws Exception {
        Path strangerDir = Files.createDirectories(KEYS.resolve("stranger"));
        issue("stranger", strangerDir);
        byte[] sealed = seal(DemoParticipants.sample("ReleaseNotice"),
                KeyMaterial.certificate(strangerDir.resolve("stranger-cert.pem")));
        long nagoyaBefore = pending("231002").size();

        StoredDecision decision = fixture.drop("facility-nagoya", sealed);

        assertThat(decision.verdict()).isEqualTo(Decision.Verdict.REFUSED);
        assertThat(decision.reasonCode()).isEqualTo("NOT_FOR_THIS_RECIPIENT");
        assertThat(fixture.quarantined(decision)).hasBinaryContent(sealed);
        assertThat(pending("231002")).hasSize((int) nagoyaBefore);
    }

    @Test
    void theCertificatesArePublishedWithoutAToken() throws Exception {
        HttpResponse<String> response = DemoParticipants.https().send(HttpRequest.newBuilder(
                        URI.create("https://localhost:" + port + "/api/v1/gateway/certificates")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode certificates = new ObjectMapper().readTree(response.body()).path("certificates");
        assertThat(certificates).hasSize(3);
        assertThat(certificates.get(0).path("use").asText()).isEqualTo("encryption");
        assertThat(certificates.get(0).path("current").asBoolean()).isTrue();
        assertThat(parse(certificates.get(0))).isEqualTo(KeyMaterial.certificate(KEYS.resolve("new-cert.pem")));
        assertThat(certificates.get(1).path("use").asText()).isEqualTo("encryption");
        assertThat(certificates.get(1).path("current").asBoolean()).isFalse();
        assertThat(parse(certificates.get(1))).isEqualTo(KeyMaterial.certificate(OLD_CERT));
        assertThat(certificates.get(2).path("use").asText()).isEqualTo("signing");
        assertThat(certificates.get(2).path("current").asBoolean()).isTrue();
        assertThat(parse(certificates.get(2))).isEqualTo(
                KeyMaterial.certificate(DemoParticipants.KEYS.resolve("gateway/signing-cert.pem")));
        assertThat(response.body()).doesNotContain("PRIVATE KEY");
    }

    private static X509Certificate parse(JsonNode published) throws Exception {
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(published.path("pem").asText().getBytes(StandardCharsets.US_ASCII)));
        assertThat(published.path("serialNumber").asText()).isEqualTo(certificate.getSerialNumber().toString(16));
        assertThat(published.path("sha256Fingerprint").asText()).hasSize(64);
        return certificate;
    }

    private static byte[] seal(String xml, X509Certificate to) throws Exception {
        Credentials facility = DemoParticipants.credentials("facility-nagoya");
        return new MessageSealer().seal(xml.getBytes(StandardCharsets.UTF_8), facility, to);
    }

    /** An RSA encryption key pair issued by the demo CA, written as {@code name-cert.pem} and {@code name-key.pem}. */
    private static void issue(String name, Path dir) throws Exception {
        Files.createDirectories(dir);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        KeyPair keys = generator.generateKeyPair();
        X509Certificate ca = KeyMaterial.certificate(DemoParticipants.KEYS.resolve("ca/cert.pem"));
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(ca, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86400L * 365)),
                new X500Name("C=JP,O=Tsunagi TEST,CN=gateway encryption " + name), keys.getPublic());
        var extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyEncipherment));
        builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                extensions.createSubjectKeyIdentifier(keys.getPublic()));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(
                        KeyMaterial.privateKey(DemoParticipants.KEYS.resolve("ca/key.pem")))));
        Files.writeString(dir.resolve(name + "-cert.pem"), pem("CERTIFICATE", certificate.getEncoded()));
        Files.writeString(dir.resolve(name + "-key.pem"), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
