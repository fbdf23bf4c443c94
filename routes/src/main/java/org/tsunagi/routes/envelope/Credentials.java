package org.tsunagi.routes.envelope;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its certificate (and the certificates between it and the trust anchor, if any): what a
 * participant or the gateway signs and decrypts with. Load it with {@link KeyMaterial}. Immutable and thread-safe.
 *
 * @param privateKey  the private key (RSA or EC P-256)
 * @param certificate the certificate of that key
 * @param chain       intermediate certificates to ship with signatures (may be empty; never the trust anchor)
 */
public record Credentials(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain) {

    public Credentials {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        chain = List.copyOf(chain);
        requireMatchingPair(privateKey, certificate);
    }

    public Credentials(PrivateKey privateKey, X509Certificate certificate) {
        this(privateKey, certificate, List.of());
    }

    /** The certificate followed by the chain: what goes into a signature's certificate set. */
    public List<X509Certificate> certificatePath() {
        var all = new ArrayList<X509Certificate>(1 + chain.size());
        all.add(certificate);
        all.addAll(chain);
        return List.copyOf(all);
    }

    /** Never prints key material. */
    @Override
    public String toString() {
        return "Credentials[" + certificate.getSubjectX500Principal().getName() + "]";
    }

    // A key that does not belong to its certificate would produce envelopes nobody can verify: refuse at load time.
    private static void requireMatchingPair(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new IllegalArgumentException("unsupported private key algorithm " + key.getAlgorithm());
        };
        try {
            byte[] probe = "tsunagi key pair check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException("the private key does not belong to the certificate "
                        + certificate.getSubjectX500Principal().getName());
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the private key does not belong to the certificate "
                    + certificate.getSubjectX500Principal().getName() + ": " + e.getMessage(), e);
        }
    }
}
