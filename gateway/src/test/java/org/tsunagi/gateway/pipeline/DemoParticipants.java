package org.tsunagi.gateway.pipeline;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.tsunagi.gateway.participants.CurrentCertificates;
import org.tsunagi.routes.envelope.Credentials;
import org.tsunagi.routes.envelope.KeyMaterial;
import org.tsunagi.routes.envelope.MessageOpener;
import org.tsunagi.routes.envelope.MessageSealer;
import org.tsunagi.routes.envelope.SignerTrust;
import org.tsunagi.routes.envelope.SignerValidator;

/** What the demo participants' own systems do: seal messages to the gateway and open what it sends them. */
public final class DemoParticipants {

    static final Path KEYS = Path.of("../keys-example");

    private DemoParticipants() {
    }

    /** A sample message of the schemas module with a fresh MessageId, created now (the gateway refuses stale ones). */
    public static String sample(String type) {
        try (InputStream in = DemoParticipants.class.getResourceAsStream("/samples/" + type + ".xml")) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String id = xml.substring(xml.indexOf("<MessageId>") + 11, xml.indexOf("</MessageId>"));
            return xml.replace("<MessageId>" + id + "</MessageId>", "<MessageId>" + UUID.randomUUID()
                    + "</MessageId>").replaceFirst("<CreatedAt>[^<]*</CreatedAt>", "<CreatedAt>"
                    + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "</CreatedAt>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String messageId(String xml) {
        return xml.substring(xml.indexOf("<MessageId>") + 11, xml.indexOf("</MessageId>"));
    }

    /** Which demo certificates are valid now, against the demo CA and its CRL (as the gateway decides it). */
    public static CurrentCertificates currentCertificates() {
        try {
            return new CurrentCertificates(new SignerValidator(SignerTrust.of(
                    List.of(KeyMaterial.certificate(KEYS.resolve("ca/cert.pem"))), List.of(KEYS.resolve("ca/crl.pem")))),
                    Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTPS client that trusts only the demo CA, as a participant's system would. */
    public static HttpClient https() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("demo-ca", KeyMaterial.certificate(KEYS.resolve("ca/cert.pem")));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, factory.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(tls).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust the demo CA", e);
        }
    }

    public static Credentials credentials(String participant) {
        return credentials(KEYS.resolve(participant));
    }

    public static Credentials credentials(Path dir) {
        return credentials(dir.resolve("cert.pem"), dir.resolve("key.pem"));
    }

    public static Credentials credentials(Path certificate, Path key) {
        try {
            return KeyMaterial.credentials(certificate, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signed by {@code signer}, encrypted to the gateway. */
    public static byte[] sealToGateway(String xml, Credentials signer) {
        try {
            return new MessageSealer().seal(xml.getBytes(StandardCharsets.UTF_8), signer,
                    KeyMaterial.certificate(KEYS.resolve("gateway/encryption-cert.pem")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] sealToGateway(String xml, String signer) {
        return sealToGateway(xml, credentials(signer));
    }

    /** Opens what the gateway sent {@code participant}: decrypts, verifies the gateway's signature, returns the XML. */
    public static String open(byte[] sealed, String participant) {
        try {
            SignerTrust trust = SignerTrust.of(List.of(KeyMaterial.certificate(KEYS.resolve("ca/cert.pem"))),
                    List.of(KEYS.resolve("ca/crl.pem")));
            ByteArrayOutputStream xml = new ByteArrayOutputStream();
            var opened = new MessageOpener(credentials(participant), new SignerValidator(trust))
                    .open(new ByteArrayInputStream(sealed), xml);
            if (!opened.signerCertificate().equals(KeyMaterial.certificate(KEYS.resolve("gateway/signing-cert.pem")))) {
                throw new IllegalStateException("not signed by the gateway: " + opened.signerSubject());
            }
            return xml.toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
