package org.tsunagi.routes.envelope;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates and CRLs made at test time by the demo CA, for cases the committed PKI does not cover (a 1024-bit
 * signer, a signer whose key usage forbids signing, a stale CRL). Nothing is written into keys-example/.
 */
final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(0x7E570000L + System.nanoTime() % 1000);

    private TestCertificates() {
    }

    static Credentials issue(String commonName, String keyAlgorithm, int keySize, int keyUsage) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
        generator.initialize(keySize);
        KeyPair keys = generator.generateKeyPair();
        X509Certificate ca = DemoPki.certificate("ca/cert.pem");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(ca, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86400L * 365)),
                new X500Name("C=JP,O=Tsunagi TEST,CN=" + commonName), keys.getPublic());
        var extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca));
        builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKey())));
        return new Credentials(keys.getPrivate(), certificate);
    }

    /** A CRL by the demo CA revoking nothing, with the given update times, written as PEM to {@code file}. */
    static Path crl(Path file, Instant thisUpdate, Instant nextUpdate) throws Exception {
        X509Certificate ca = DemoPki.certificate("ca/cert.pem");
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                org.bouncycastle.asn1.x500.X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
                Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca));
        X509CRL crl = new JcaX509CRLConverter()
                .getCRL(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKey())));
        String pem = "-----BEGIN X509 CRL-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(crl.getEncoded()) + "\n-----END X509 CRL-----\n";
        Files.writeString(file, pem);
        return file;
    }

    private static PrivateKey caKey() throws Exception {
        return KeyMaterial.privateKey(DemoPki.file("ca/key.pem"));
    }
}
