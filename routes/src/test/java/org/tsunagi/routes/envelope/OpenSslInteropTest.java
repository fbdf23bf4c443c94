package org.tsunagi.routes.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Interoperability with the real OpenSSL 3 binary, both ways, with the exact commands the README gives vendors.
 */
class OpenSslInteropTest {

    private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<Message xmlns=\"urn:tsunagi:message:1\"><Header><MessageId>7d0c5d0e-2f7c-4a55-9a55-0d1f3b6f2b11"
            + "</MessageId></Header><Body>釈放予定 テスト</Body></Message>\n";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "OpenSSL: {0} signs ({2}), encrypts to {1}; Tsunagi opens")
    @CsvSource({
            "facility-nagoya, gateway, pkcs1",    // RSA PKCS#1 v1.5 signature (OpenSSL's default), RSA-OAEP recipient
            "facility-nagoya, gateway, pss",      // RSA-PSS signature
            "probation-nagoya, gateway, ecdsa",   // ECDSA signature
            "facility-nagoya, 231002, pkcs1",     // ECDH P-256 recipient
            "moj-stats, 231002, ecdsa"
    })
    void tsunagiOpensWhatOpenSslSeals(String signer, String recipient, String signatureKind) throws Exception {
        Files.writeString(dir.resolve("msg.xml"), XML);
        vendorSeals(signer, recipient, signatureKind.equals("pss"), "-aes-256-gcm", "msg.p7m");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenedMessage opened = opener(recipient).open(Files.newInputStream(dir.resolve("msg.p7m")), out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(XML);
        assertThat(opened.signerCertificate()).isEqualTo(DemoPki.certificate(signer + "/cert.pem"));
    }

    @Test
    void tsunagiAcceptsOpenSslEnvelopedDataWithAes256Cbc() throws Exception {
        Files.writeString(dir.resolve("msg.xml"), XML);
        vendorSeals("facility-nagoya", "gateway", false, "-aes-256-cbc", "msg.p7m");
        assertThat(OpenSsl.ok(dir, "asn1parse", "-inform", "DER", "-in", "msg.p7m").stdout())
                .contains(":pkcs7-envelopedData").contains(":aes-256-cbc");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        opener("gateway").open(Files.newInputStream(dir.resolve("msg.p7m")), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(XML);
    }

    @ParameterizedTest(name = "Tsunagi: {0} seals for {1}; OpenSSL decrypts and verifies")
    @CsvSource({
            "facility-nagoya, gateway",          // RSA-PSS signature, RSA-OAEP
            "gateway-signing, 231002",           // ECDSA signature, ECDH (what the gateway sends a municipality)
            "gateway-signing, facility-nagoya",  // ECDSA signature, RSA-OAEP
            "probation-nagoya, 231002"
    })
    void openSslOpensWhatTsunagiSeals(String signer, String recipient) throws Exception {
        Credentials signing = signer.equals("gateway-signing") ? DemoPki.gatewaySigning() : DemoPki.credentials(signer);
        try (OutputStream out = Files.newOutputStream(dir.resolve("msg.p7m"))) {
            new MessageSealer().seal(new java.io.ByteArrayInputStream(XML.getBytes(StandardCharsets.UTF_8)), signing,
                    recipientCertificate(recipient), out);
        }
        String[] key = recipientKeyFiles(recipient);

        OpenSsl.ok(dir, "cms", "-decrypt", "-binary", "-inform", "DER", "-in", "msg.p7m",
                "-recip", key[0], "-inkey", key[1], "-out", "signed.p7m");
        // the README's command: the CA and its CRL in one file, revocation checked, the signer written out
        Files.writeString(dir.resolve("ca-and-crl.pem"), Files.readString(DemoPki.file("ca/cert.pem"))
                + Files.readString(DemoPki.file("ca/crl.pem")));
        OpenSsl.Result verify = OpenSsl.run(dir, "cms", "-verify", "-binary", "-inform", "DER", "-in", "signed.p7m",
                "-CAfile", "ca-and-crl.pem", "-crl_check", "-signer", "signer.pem", "-out", "msg.xml");

        assertThat(verify.exitCode()).as(verify.stderr()).isZero();
        assertThat(verify.stderr()).contains("Verification successful");
        assertThat(Files.readString(dir.resolve("msg.xml"))).isEqualTo(XML);
        assertThat(OpenSsl.ok(dir, "x509", "-in", "signer.pem", "-noout", "-subject").stdout())
                .contains(signing.certificate().getSubjectX500Principal().getName().split(",")[0].replace("=", " = "));
        assertThat(OpenSsl.ok(dir, "asn1parse", "-inform", "DER", "-in", "msg.p7m").stdout())
                .contains(":id-smime-ct-authEnvelopedData").contains(":aes-256-gcm");
    }

    @Test
    void openSslDefaultsThatAreWeakAreRefused() throws Exception {
        Files.writeString(dir.resolve("msg.xml"), XML);
        String ca = DemoPki.file("facility-nagoya").toString();
        OpenSsl.ok(dir, "cms", "-sign", "-binary", "-in", "msg.xml", "-signer", ca + "/cert.pem", "-inkey",
                ca + "/key.pem", "-md", "sha256", "-nodetach", "-outform", "DER", "-out", "signed.p7m");
        // RSA PKCS#1 v1.5 key transport: OpenSSL's default without -keyopt
        OpenSsl.ok(dir, "cms", "-encrypt", "-binary", "-aes-256-gcm", "-inform", "DER", "-in", "signed.p7m",
                "-recip", DemoPki.file("gateway/encryption-cert.pem").toString(), "-outform", "DER", "-out", "v15.p7m");
        assertRefused("gateway", "v15.p7m", EnvelopeException.Reason.WEAK_ALGORITHM);
        // ECDH with the SHA-1 KDF: OpenSSL's default without -keyopt ecdh_kdf_md:sha256
        OpenSsl.ok(dir, "cms", "-encrypt", "-binary", "-aes-256-gcm", "-inform", "DER", "-in", "signed.p7m",
                "-recip", DemoPki.file("231002/cert.pem").toString(), "-outform", "DER", "-out", "sha1kdf.p7m");
        assertRefused("231002", "sha1kdf.p7m", EnvelopeException.Reason.WEAK_ALGORITHM);
        // AES-128
        OpenSsl.ok(dir, "cms", "-encrypt", "-binary", "-aes-128-gcm", "-inform", "DER", "-in", "signed.p7m",
                "-recip", DemoPki.file("gateway/encryption-cert.pem").toString(), "-keyopt", "rsa_padding_mode:oaep",
                "-keyopt", "rsa_oaep_md:sha256", "-outform", "DER", "-out", "aes128.p7m");
        assertRefused("gateway", "aes128.p7m", EnvelopeException.Reason.WEAK_ALGORITHM);
        // SHA-1 signature
        OpenSsl.ok(dir, "cms", "-sign", "-binary", "-in", "msg.xml", "-signer", ca + "/cert.pem", "-inkey",
                ca + "/key.pem", "-md", "sha1", "-nodetach", "-outform", "DER", "-out", "sha1.p7s");
        encryptForGateway("sha1.p7s", "sha1.p7m");
        assertRefused("gateway", "sha1.p7m", EnvelopeException.Reason.WEAK_ALGORITHM);
    }

    @Test
    void aSignatureOverAlteredContentIsBadSignature() throws Exception {
        Files.writeString(dir.resolve("msg.xml"), XML);
        String signer = DemoPki.file("facility-nagoya").toString();
        OpenSsl.ok(dir, "cms", "-sign", "-binary", "-in", "msg.xml", "-signer", signer + "/cert.pem", "-inkey",
                signer + "/key.pem", "-md", "sha256", "-nodetach", "-outform", "DER", "-out", "signed.p7m");
        byte[] signed = Files.readAllBytes(dir.resolve("signed.p7m"));
        int at = indexOf(signed, "7d0c5d0e".getBytes(StandardCharsets.US_ASCII));
        assertThat(at).isPositive();
        signed[at] = '8'; // a different message id, same length: the DER stays well-formed
        Files.write(dir.resolve("altered.p7s"), signed);
        encryptForGateway("altered.p7s", "altered.p7m");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> opener("gateway").open(Files.newInputStream(dir.resolve("altered.p7m")), out))
                .isInstanceOfSatisfying(EnvelopeException.class,
                        e -> assertThat(e.reason()).isEqualTo(EnvelopeException.Reason.BAD_SIGNATURE));
        assertThat(out.size()).isZero();
    }

    private void assertRefused(String recipient, String file, EnvelopeException.Reason reason) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(dir.resolve(file))) {
            assertThatThrownBy(() -> opener(recipient).open(in, out))
                    .isInstanceOfSatisfying(EnvelopeException.class, e -> assertThat(e.reason()).isEqualTo(reason));
        }
        assertThat(out.size()).isZero();
    }

    /** The README's vendor commands: sign, then encrypt (RSA-OAEP-SHA256 or ECDH with the SHA-256 KDF). */
    private void vendorSeals(String signer, String recipient, boolean pss, String cipher, String out) throws Exception {
        String s = DemoPki.file(signer).toString();
        var sign = new java.util.ArrayList<>(java.util.List.of("cms", "-sign", "-binary", "-in", "msg.xml",
                "-signer", s + "/cert.pem", "-inkey", s + "/key.pem", "-md", "sha256", "-nodetach",
                "-outform", "DER", "-out", "signed.p7m"));
        if (pss) {
            sign.addAll(java.util.List.of("-keyopt", "rsa_padding_mode:pss"));
        }
        OpenSsl.ok(dir, sign.toArray(String[]::new));
        String recipientCert = recipientKeyFiles(recipient)[0];
        var encrypt = new java.util.ArrayList<>(java.util.List.of("cms", "-encrypt", "-binary", cipher,
                "-inform", "DER", "-in", "signed.p7m", "-recip", recipientCert));
        if (recipient.equals("gateway") || recipient.equals("facility-nagoya")) {
            encrypt.addAll(java.util.List.of("-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256"));
        } else {
            encrypt.addAll(java.util.List.of("-keyopt", "ecdh_kdf_md:sha256"));
        }
        encrypt.addAll(java.util.List.of("-outform", "DER", "-out", out));
        OpenSsl.ok(dir, encrypt.toArray(String[]::new));
    }

    private void encryptForGateway(String in, String out) throws Exception {
        OpenSsl.ok(dir, "cms", "-encrypt", "-binary", "-aes-256-gcm", "-inform", "DER", "-in", in,
                "-recip", DemoPki.file("gateway/encryption-cert.pem").toString(), "-keyopt", "rsa_padding_mode:oaep",
                "-keyopt", "rsa_oaep_md:sha256", "-outform", "DER", "-out", out);
    }

    private static MessageOpener opener(String recipient) {
        Credentials credentials = recipient.equals("gateway") ? DemoPki.gatewayEncryption()
                : DemoPki.credentials(recipient);
        return new MessageOpener(credentials, DemoPki.validator());
    }

    private static java.security.cert.X509Certificate recipientCertificate(String recipient) {
        return DemoPki.certificate(recipientKeyFiles(recipient)[0].substring(DemoPki.ROOT.toString().length() + 1));
    }

    private static String[] recipientKeyFiles(String recipient) {
        if (recipient.equals("gateway")) {
            return new String[] {DemoPki.file("gateway/encryption-cert.pem").toString(),
                    DemoPki.file("gateway/encryption-key.pem").toString()};
        }
        return new String[] {DemoPki.file(recipient + "/cert.pem").toString(),
                DemoPki.file(recipient + "/key.pem").toString()};
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
