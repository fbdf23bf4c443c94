package org.tsunagi.routes.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.CERTIFICATE_EXPIRED;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.CERTIFICATE_REVOKED;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.DECRYPTION_FAILED;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.MALFORMED_CMS;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.NOT_FOR_THIS_RECIPIENT;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.REVOCATION_UNKNOWN;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.TOO_LARGE;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.UNTRUSTED_SIGNER;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.WEAK_ALGORITHM;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every reason code, provoked; and in every case nothing of the content reaches the caller. */
class RefusalReasonsTest {

    private static final byte[] XML = ("<Message xmlns=\"urn:tsunagi:message:1\"><Body>"
            + "x".repeat(3000) + "</Body></Message>").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final Credentials gateway = DemoPki.gatewayEncryption();

    @Test
    void malformed() throws Exception {
        assertRefused(openAsGateway("not CMS at all".getBytes(StandardCharsets.US_ASCII)), MALFORMED_CMS);
        assertRefused(openAsGateway(new byte[0]), MALFORMED_CMS);
        byte[] sealed = seal(DemoPki.credentials("facility-nagoya"), gateway);
        assertRefused(openAsGateway(Arrays.copyOf(sealed, sealed.length / 2)), MALFORMED_CMS, DECRYPTION_FAILED);
        byte[] appended = Arrays.copyOf(sealed, sealed.length + 3);
        appended[sealed.length] = 0x04;
        assertRefused(openAsGateway(appended), MALFORMED_CMS);
    }

    @Test
    void notForThisRecipient() throws Exception {
        byte[] forNagoya = seal(DemoPki.credentials("facility-nagoya"), DemoPki.credentials("231002"));
        assertRefused(openAsGateway(forNagoya), NOT_FOR_THIS_RECIPIENT);
        byte[] forAichi = seal(DemoPki.credentials("facility-nagoya"), DemoPki.credentials("230006"));
        assertRefused(openAsGateway(forAichi), NOT_FOR_THIS_RECIPIENT);
    }

    @Test
    void decryptionFailed() throws Exception {
        byte[] sealed = seal(DemoPki.credentials("facility-nagoya"), gateway);
        byte[] tampered = sealed.clone();
        tampered[sealed.length - 40] ^= 0x01; // inside the ciphertext or tag near the end
        assertRefused(openAsGateway(tampered), DECRYPTION_FAILED);
    }

    @Test
    void untrustedSigner() throws Exception {
        Credentials rogue = DemoPki.credentials("test/rogue-ca/participant-cert.pem", "test/rogue-ca/participant-key.pem");
        assertRefused(openAsGateway(seal(rogue, gateway)), UNTRUSTED_SIGNER);

        Credentials encipherOnly = TestCertificates.issue("no-signing", "RSA", 2048, KeyUsage.keyEncipherment);
        assertRefused(openAsGateway(seal(encipherOnly, gateway)), UNTRUSTED_SIGNER);
    }

    @Test
    void expiredNowOrAtSigningTime() throws Exception {
        Credentials expired = DemoPki.credentials("test/expired");
        // signed today, after the certificate expired (2021-01-01)
        assertRefused(openAsGateway(seal(expired, gateway)), CERTIFICATE_EXPIRED);
        // signed while it was valid, opened now that it has expired
        Clock mid2020 = Clock.fixed(Instant.parse("2020-06-01T00:00:00Z"), ZoneOffset.UTC);
        byte[] old = new MessageSealer(EnvelopeLimits.defaults(), mid2020).seal(XML, expired, gateway.certificate());
        assertRefused(openAsGateway(old), CERTIFICATE_EXPIRED);
    }

    @Test
    void revoked() throws Exception {
        assertRefused(openAsGateway(seal(DemoPki.credentials("test/revoked"), gateway)), CERTIFICATE_REVOKED);
        // revoked stays refused when revocation information is optional and the CRL is there
        SignerValidator lenient = new SignerValidator(new SignerTrust(List.of(DemoPki.certificate("ca/cert.pem")),
                List.of(DemoPki.file("ca/crl.pem")), false, Duration.ZERO));
        assertRefused(attempt(seal(DemoPki.credentials("test/revoked"), gateway), lenient), CERTIFICATE_REVOKED);
    }

    @Test
    void revocationUnknownWhenCrlMissingOrStale() throws Exception {
        byte[] sealed = seal(DemoPki.credentials("facility-nagoya"), gateway);
        Path crls = Files.createDirectory(dir.resolve("crls"));
        SignerValidator strict = validatorFor(crls, true);
        assertRefused(attempt(sealed, strict), REVOCATION_UNKNOWN);                   // no CRL at all

        TestCertificates.crl(crls.resolve("demo-ca.pem"), Instant.now().minus(Duration.ofDays(30)),
                Instant.now().minus(Duration.ofDays(1)));
        assertRefused(attempt(sealed, strict), REVOCATION_UNKNOWN);                   // CRL past its next update

        // the cache notices a fresh CRL replacing the stale one, without a restart
        Files.copy(DemoPki.file("ca/crl.pem"), crls.resolve("demo-ca.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(crls.resolve("demo-ca.pem"),
                java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(open(sealed, strict).signerSubject()).contains("CN=facility-nagoya");
    }

    @Test
    void missingCrlIsAcceptedOnlyWhenConfiguredSo() throws Exception {
        byte[] sealed = seal(DemoPki.credentials("facility-nagoya"), gateway);
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThat(open(sealed, validatorFor(empty, false)).signerSubject()).contains("CN=facility-nagoya");
    }

    @Test
    void weakSignerKey() throws Exception {
        Credentials short1024 = TestCertificates.issue("short-key", "RSA", 1024, KeyUsage.digitalSignature);
        // the sealer refuses to make it...
        assertThatThrownBy(() -> seal(short1024, gateway)).isInstanceOfSatisfying(EnvelopeException.class,
                e -> assertThat(e.reason()).isEqualTo(WEAK_ALGORITHM));
        // ...and the opener refuses one made elsewhere
        Files.writeString(dir.resolve("msg.xml"), new String(XML, StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("short-cert.pem"), pem(short1024.certificate().getEncoded(), "CERTIFICATE"));
        Files.writeString(dir.resolve("short-key.pem"), pem(short1024.privateKey().getEncoded(), "PRIVATE KEY"));
        OpenSsl.ok(dir, "cms", "-sign", "-binary", "-in", "msg.xml", "-signer", "short-cert.pem", "-inkey",
                "short-key.pem", "-md", "sha256", "-nodetach", "-outform", "DER", "-out", "signed.p7s");
        OpenSsl.ok(dir, "cms", "-encrypt", "-binary", "-aes-256-gcm", "-inform", "DER", "-in", "signed.p7s",
                "-recip", DemoPki.file("gateway/encryption-cert.pem").toString(), "-keyopt", "rsa_padding_mode:oaep",
                "-keyopt", "rsa_oaep_md:sha256", "-outform", "DER", "-out", "short.p7m");
        assertRefused(openAsGateway(Files.readAllBytes(dir.resolve("short.p7m"))), WEAK_ALGORITHM);
    }

    @Test
    void tooLargeWhenSealingAndWhenOpening() throws Exception {
        EnvelopeLimits small = EnvelopeLimits.defaults().withMaxContentBytes(1000);
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        assertThatThrownBy(() -> new MessageSealer(small).seal(new ByteArrayInputStream(XML),
                DemoPki.credentials("facility-nagoya"), gateway.certificate(), partial))
                .isInstanceOfSatisfying(EnvelopeException.class, e -> assertThat(e.reason()).isEqualTo(TOO_LARGE));
        // what was written before the refusal is not an openable message
        assertRefused(openAsGateway(partial.toByteArray()), MALFORMED_CMS, DECRYPTION_FAILED);

        byte[] sealed = seal(DemoPki.credentials("facility-nagoya"), gateway);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> new MessageOpener(gateway, DemoPki.validator(), small)
                .open(new ByteArrayInputStream(sealed), out))
                .isInstanceOfSatisfying(EnvelopeException.class, e -> assertThat(e.reason()).isEqualTo(TOO_LARGE));
        assertThat(out.size()).isZero();
    }

    // --- helpers

    private record Attempt(EnvelopeException refusal, byte[] output) {
    }

    private byte[] seal(Credentials signer, Credentials recipient) throws EnvelopeException {
        return new MessageSealer().seal(XML, signer, recipient.certificate());
    }

    private Attempt openAsGateway(byte[] sealed) throws Exception {
        return attempt(sealed, DemoPki.validator());
    }

    private OpenedMessage open(byte[] sealed, SignerValidator validator) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenedMessage opened = new MessageOpener(gateway, validator).open(new ByteArrayInputStream(sealed), out);
        assertThat(out.toByteArray()).isEqualTo(XML);
        return opened;
    }

    private Attempt attempt(byte[] sealed, SignerValidator validator) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new MessageOpener(gateway, validator).open(new ByteArrayInputStream(sealed), out);
            return new Attempt(null, out.toByteArray());
        } catch (EnvelopeException e) {
            return new Attempt(e, out.toByteArray());
        }
    }

    private void assertRefused(Attempt attempt, EnvelopeException.Reason... acceptable) {
        assertThat(attempt.refusal()).as("refused").isNotNull();
        assertThat(attempt.refusal().reason()).as(attempt.refusal().toString()).isIn((Object[]) acceptable);
        assertThat(attempt.output()).as("nothing released").isEmpty();
    }

    private static SignerValidator validatorFor(Path crls, boolean required) {
        return new SignerValidator(new SignerTrust(List.of(DemoPki.certificate("ca/cert.pem")), List.of(crls),
                required, Duration.ZERO));
    }

    private static String pem(byte[] der, String type) {
        return "-----BEGIN " + type + "-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
