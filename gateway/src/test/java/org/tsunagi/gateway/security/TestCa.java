package org.tsunagi.gateway.security;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v1CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.tsunagi.routes.envelope.Credentials;
import org.tsunagi.routes.envelope.KeyMaterial;

/**
 * A CA for tests: the demo CA of {@code keys-example/ca} (its key is public, it is a demo) or a fresh one, issuing
 * participant certificates like the demo's (EC P-256; signing and key agreement) and CRLs.
 */
public final class TestCa {

    public static final Path KEYS = Path.of("../keys-example");

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final String signatureAlgorithm;

    private TestCa(X509Certificate certificate, PrivateKey key, String signatureAlgorithm) {
        this.certificate = certificate;
        this.key = key;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    public static TestCa demo() throws IOException {
        return new TestCa(KeyMaterial.certificate(KEYS.resolve("ca/cert.pem")),
                KeyMaterial.privateKey(KEYS.resolve("ca/key.pem")), "SHA256withRSA");
    }

    /** A CA nobody trusts, with the demo CA's very name (so only its signature tells them apart). */
    public static TestCa impostor() throws Exception {
        KeyPair keys = ecKeys();
        X509Certificate demo = KeyMaterial.certificate(KEYS.resolve("ca/cert.pem"));
        X500Name name = X500Name.getInstance(demo.getSubjectX500Principal().getEncoded());
        Instant now = Instant.now();
        X509Certificate self = new JcaX509CertificateConverter().getCertificate(new JcaX509v1CertificateBuilder(
                name, BigInteger.ONE, Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86_400)), name,
                keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        return new TestCa(self, keys.getPrivate(), "SHA256withECDSA");
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A participant certificate and key for {@code cn}, valid over the given time. */
    public Credentials issue(String cn, Instant notBefore, Instant notAfter) throws Exception {
        KeyPair keys = ecKeys();
        var builder = new JcaX509v3CertificateBuilder(certificate, new BigInteger(63, new SecureRandom()).add(
                BigInteger.valueOf(100_000)), Date.from(notBefore), Date.from(notAfter),
                new X500Name("C=JP,O=Tsunagi TEST,CN=" + cn), keys.getPublic());
        var extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                | KeyUsage.nonRepudiation | KeyUsage.keyAgreement));
        builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(certificate));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                extensions.createSubjectKeyIdentifier(keys.getPublic()));
        X509Certificate issued = new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder(signatureAlgorithm).build(key)));
        return new Credentials(keys.getPrivate(), issued);
    }

    /** A CRL revoking these serial numbers, issued at {@code thisUpdate}. */
    public X509CRL crl(Instant thisUpdate, Instant nextUpdate, List<BigInteger> revoked) throws Exception {
        X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(certificate, Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        for (BigInteger serial : revoked) {
            builder.addCRLEntry(serial, Date.from(thisUpdate), CRLReason.keyCompromise);
        }
        X509CRLHolder holder = builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(key));
        return new JcaX509CRLConverter().getCRL(holder);
    }

    /** Writes the CRL as PEM, atomically (as an operator's {@code mv} would). */
    public static void write(X509CRL crl, Path file) throws Exception {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, pem("X509 CRL", crl.getEncoded()));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static void writeCertificate(X509Certificate certificate, Path file) throws Exception {
        Files.writeString(file, pem("CERTIFICATE", certificate.getEncoded()));
    }

    public static void writeKey(PrivateKey key, Path file) throws Exception {
        Files.writeString(file, pem("PRIVATE KEY", key.getEncoded()));
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
