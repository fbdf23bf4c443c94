package org.tsunagi.routes.envelope;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.CRLException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Loads keys and certificates: PEM certificates (one or a bundle; DER also accepted), PKCS#8 PEM private keys
 * (RSA, EC, Ed25519; encrypted PKCS#8 with a password), and PKCS#12 keystores. The one place that parses key files:
 * the gateway and the CLI call it instead of parsing PEM themselves. Every failure is an {@link IOException} whose
 * message names the file and what was wrong, and never contains key material.
 */
public final class KeyMaterial {

    private KeyMaterial() {
    }

    /** Every certificate in a PEM file (in order), or in a DER file holding one certificate. */
    public static List<X509Certificate> certificates(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            // The JDK factory reads both PEM (several blocks) and DER.
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : factory.generateCertificates(new ByteArrayInputStream(bytes))) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IOException(file + ": no certificate found");
            }
            return List.copyOf(certificates);
        } catch (CertificateException e) {
            throw new IOException(file + ": not a PEM or DER X.509 certificate (" + e.getMessage() + ")", e);
        }
    }

    /** The first certificate of a PEM or DER file. */
    public static X509Certificate certificate(Path file) throws IOException {
        return certificates(file).get(0);
    }

    /** An unencrypted private key: PKCS#8 PEM ({@code PRIVATE KEY}), or a traditional OpenSSL RSA/EC PEM key. */
    public static PrivateKey privateKey(Path file) throws IOException {
        return privateKey(file, null);
    }

    /** A private key, decrypting an {@code ENCRYPTED PRIVATE KEY} PEM block with {@code password} if needed. */
    public static PrivateKey privateKey(Path file, char[] password) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PrivateKeyInfo info) {
                    return convert(converter, info, file);
                }
                if (object instanceof PEMKeyPair pair) {
                    return convert(converter, pair.getPrivateKeyInfo(), file);
                }
                if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    if (password == null) {
                        throw new IOException(file + ": the private key is encrypted and no password was given");
                    }
                    try {
                        return convert(converter, encrypted.decryptPrivateKeyInfo(
                                new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(CryptoProvider.BC)
                                        .build(password)), file);
                    } catch (PKCSException | OperatorCreationException e) {
                        throw new IOException(file + ": cannot decrypt the private key (wrong password?)", e);
                    }
                }
            }
        } catch (PEMException e) {
            throw new IOException(file + ": not a PEM private key (" + e.getMessage() + ")", e);
        }
        throw new IOException(file + ": no PKCS#8 PEM private key found");
    }

    /** A certificate file (the participant's certificate first, then any intermediates) and its private key. */
    public static Credentials credentials(Path certificateFile, Path keyFile) throws IOException {
        List<X509Certificate> certificates = certificates(certificateFile);
        PrivateKey key = privateKey(keyFile);
        try {
            return new Credentials(key, certificates.get(0), intermediates(certificates.subList(1, certificates.size())));
        } catch (IllegalArgumentException e) {
            throw new IOException(keyFile + " and " + certificateFile + ": " + e.getMessage(), e);
        }
    }

    /** The first private-key entry of a PKCS#12 keystore, with its certificate chain. */
    public static Credentials pkcs12(Path file, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, password);
                if (!(key instanceof PrivateKey privateKey)) {
                    continue;
                }
                Certificate[] chain = store.getCertificateChain(alias);
                if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
                    throw new IOException(file + ": key entry '" + alias + "' has no X.509 certificate");
                }
                List<X509Certificate> rest = new ArrayList<>();
                for (int i = 1; i < chain.length; i++) {
                    rest.add((X509Certificate) chain[i]);
                }
                try {
                    return new Credentials(privateKey, (X509Certificate) chain[0], intermediates(rest));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ": " + e.getMessage(), e);
                }
            }
            throw new IOException(file + ": no private key entry in the PKCS#12 keystore");
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": cannot read the PKCS#12 keystore (wrong password?): " + e.getMessage(), e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IOException(file + ": wrong PKCS#12 password", e);
            }
            if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new IOException(file + ": cannot read the PKCS#12 keystore (wrong password?): " + e.getMessage(), e);
        }
    }

    /** Every CRL in a PEM or DER file. */
    static List<X509CRL> crls(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            List<X509CRL> crls = new ArrayList<>();
            for (var crl : CertificateFactory.getInstance("X.509").generateCRLs(new ByteArrayInputStream(bytes))) {
                crls.add((X509CRL) crl);
            }
            if (crls.isEmpty()) {
                throw new IOException(file + ": no CRL found");
            }
            return crls;
        } catch (CRLException | CertificateException e) {
            throw new IOException(file + ": not a PEM or DER CRL (" + e.getMessage() + ")", e);
        }
    }

    private static PrivateKey convert(JcaPEMKeyConverter converter, PrivateKeyInfo info, Path file) throws IOException {
        try {
            return converter.getPrivateKey(info);
        } catch (PEMException e) {
            // Key types the JDK cannot represent fall back to Bouncy Castle's.
            try {
                return new JcaPEMKeyConverter().setProvider(CryptoProvider.BC).getPrivateKey(info);
            } catch (PEMException again) {
                throw new IOException(file + ": unsupported private key (" + e.getMessage() + ")", e);
            }
        }
    }

    // A trust anchor shipped inside a chain is dropped: trust comes from configuration, never from the sender.
    private static List<X509Certificate> intermediates(List<X509Certificate> certificates) {
        List<X509Certificate> kept = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                kept.add(certificate);
            }
        }
        return kept;
    }
}
