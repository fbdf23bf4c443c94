package org.tsunagi.routes.envelope;

import static org.tsunagi.routes.envelope.EnvelopeException.Reason.WEAK_ALGORITHM;

import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The algorithms Tsunagi accepts (an allow-list: anything else, including unknown algorithms, is
 * {@code WEAK_ALGORITHM}). SHA-256 or stronger everywhere, RSA of 2048 bits or more, EC on the NIST curves,
 * AES-256 content encryption, RSA-OAEP (never PKCS#1 v1.5) key transport, ECDH with a SHA-2 KDF and AES-256 key wrap.
 */
final class AlgorithmPolicy {

    static final int MIN_RSA_BITS = 2048;

    private static final Set<ASN1ObjectIdentifier> DIGESTS = Set.of(
            NISTObjectIdentifiers.id_sha256, NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512);

    private static final Set<ASN1ObjectIdentifier> SIGNATURES = Set.of(
            PKCSObjectIdentifiers.rsaEncryption,
            PKCSObjectIdentifiers.sha256WithRSAEncryption, PKCSObjectIdentifiers.sha384WithRSAEncryption,
            PKCSObjectIdentifiers.sha512WithRSAEncryption, PKCSObjectIdentifiers.id_RSASSA_PSS,
            X9ObjectIdentifiers.ecdsa_with_SHA256, X9ObjectIdentifiers.ecdsa_with_SHA384,
            X9ObjectIdentifiers.ecdsa_with_SHA512, X9ObjectIdentifiers.id_ecPublicKey);

    private static final Set<ASN1ObjectIdentifier> KEY_AGREEMENTS = Set.of(
            SECObjectIdentifiers.dhSinglePass_stdDH_sha256kdf_scheme,
            SECObjectIdentifiers.dhSinglePass_stdDH_sha384kdf_scheme,
            SECObjectIdentifiers.dhSinglePass_stdDH_sha512kdf_scheme,
            SECObjectIdentifiers.dhSinglePass_cofactorDH_sha256kdf_scheme,
            SECObjectIdentifiers.dhSinglePass_cofactorDH_sha384kdf_scheme,
            SECObjectIdentifiers.dhSinglePass_cofactorDH_sha512kdf_scheme);

    private AlgorithmPolicy() {
    }

    /**
     * RSA keys of at least 2048 bits, EC keys on P-256 or larger NIST curves, Ed25519 keys (participants may sign
     * their API tokens with EdDSA; CMS signature algorithms are checked on their own and do not include it).
     */
    static void checkKey(PublicKey key, String whose) throws EnvelopeException {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new EnvelopeException(WEAK_ALGORITHM, whose + " has an RSA key of " + bits
                        + " bits; at least " + MIN_RSA_BITS + " are required");
            }
            return;
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getOrder().bitLength();
            if (bits < 256) {
                throw new EnvelopeException(WEAK_ALGORITHM, whose + " has an EC key of " + bits + " bits");
            }
            return;
        }
        if (key instanceof EdECPublicKey ed && "Ed25519".equalsIgnoreCase(ed.getParams().getName())
                || "Ed25519".equalsIgnoreCase(key.getAlgorithm())) {
            return;
        }
        throw new EnvelopeException(WEAK_ALGORITHM, whose + " has an unsupported key type " + key.getAlgorithm());
    }

    /** A certificate's own signature: SHA-2 with RSA (PKCS#1 v1.5 or PSS) or ECDSA. */
    static void checkCertificateSignature(X509Certificate certificate) throws EnvelopeException {
        ASN1ObjectIdentifier oid = new ASN1ObjectIdentifier(certificate.getSigAlgOID());
        byte[] params = certificate.getSigAlgParams();
        AlgorithmIdentifier algorithm;
        try {
            algorithm = params == null ? new AlgorithmIdentifier(oid)
                    : new AlgorithmIdentifier(oid, org.bouncycastle.asn1.ASN1Primitive.fromByteArray(params));
        } catch (IOException e) {
            throw new EnvelopeException(WEAK_ALGORITHM, "certificate " + certificate.getSubjectX500Principal().getName()
                    + " has unreadable signature parameters", e);
        }
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption) || oid.equals(X9ObjectIdentifiers.id_ecPublicKey)
                || !SIGNATURES.contains(oid)) {
            throw new EnvelopeException(WEAK_ALGORITHM, "certificate " + certificate.getSubjectX500Principal().getName()
                    + " is signed with " + certificate.getSigAlgName() + ", which is not accepted");
        }
        checkPssParameters(algorithm, "certificate " + certificate.getSubjectX500Principal().getName());
    }

    static void checkDigest(AlgorithmIdentifier digest) throws EnvelopeException {
        if (!DIGESTS.contains(digest.getAlgorithm())) {
            throw new EnvelopeException(WEAK_ALGORITHM, "digest algorithm " + digest.getAlgorithm()
                    + " is not accepted (SHA-256, SHA-384 or SHA-512 required)");
        }
    }

    /** A SignerInfo's signature algorithm. */
    static void checkSignature(AlgorithmIdentifier signature) throws EnvelopeException {
        if (!SIGNATURES.contains(signature.getAlgorithm())) {
            throw new EnvelopeException(WEAK_ALGORITHM, "signature algorithm " + signature.getAlgorithm()
                    + " is not accepted");
        }
        checkPssParameters(signature, "signature");
    }

    /** AES-256-GCM with a full 16-byte tag (AuthEnvelopedData) or AES-256-CBC (EnvelopedData). */
    static void checkContentEncryption(AlgorithmIdentifier encryption, boolean authenticated) throws EnvelopeException {
        ASN1ObjectIdentifier oid = encryption.getAlgorithm();
        if (authenticated && oid.equals(NISTObjectIdentifiers.id_aes256_GCM)) {
            int tagLength;
            try {
                tagLength = GCMParameters.getInstance(encryption.getParameters()).getIcvLen();
            } catch (RuntimeException e) {
                throw new EnvelopeException(EnvelopeException.Reason.MALFORMED_CMS, "malformed AES-GCM parameters", e);
            }
            if (tagLength != 16) {
                throw new EnvelopeException(WEAK_ALGORITHM, "AES-GCM tag of " + tagLength
                        + " bytes is not accepted (16 required)");
            }
            return;
        }
        if (!authenticated && oid.equals(NISTObjectIdentifiers.id_aes256_CBC)) {
            return;
        }
        throw new EnvelopeException(WEAK_ALGORITHM, "content encryption " + oid + " is not accepted ("
                + (authenticated ? "AES-256-GCM" : "AES-256-CBC") + " required)");
    }

    /** RSA-OAEP with SHA-256 or stronger (PKCS#1 v1.5 key transport is refused: padding-oracle prone). */
    static void checkKeyTransport(AlgorithmIdentifier keyTransport) throws EnvelopeException {
        if (!keyTransport.getAlgorithm().equals(PKCSObjectIdentifiers.id_RSAES_OAEP)) {
            throw new EnvelopeException(WEAK_ALGORITHM, "key transport " + keyTransport.getAlgorithm()
                    + " is not accepted (RSA-OAEP with SHA-256 required)");
        }
        RSAESOAEPparams params;
        try {
            params = RSAESOAEPparams.getInstance(keyTransport.getParameters());
        } catch (RuntimeException e) {
            throw new EnvelopeException(EnvelopeException.Reason.MALFORMED_CMS, "malformed RSA-OAEP parameters", e);
        }
        if (params == null || !DIGESTS.contains(params.getHashAlgorithm().getAlgorithm())
                || !DIGESTS.contains(mgfDigest(params.getMaskGenAlgorithm()))) {
            throw new EnvelopeException(WEAK_ALGORITHM, "RSA-OAEP with SHA-1 is not accepted (SHA-256 required)");
        }
    }

    /** ECDH (standard or cofactor) with a SHA-2 X9.63 KDF, wrapping with AES-256 key wrap. */
    static void checkKeyAgreement(AlgorithmIdentifier keyAgreement) throws EnvelopeException {
        if (!KEY_AGREEMENTS.contains(keyAgreement.getAlgorithm())) {
            throw new EnvelopeException(WEAK_ALGORITHM, "key agreement " + keyAgreement.getAlgorithm()
                    + " is not accepted (ECDH with a SHA-256 KDF required)");
        }
        AlgorithmIdentifier wrap;
        try {
            wrap = AlgorithmIdentifier.getInstance(keyAgreement.getParameters());
        } catch (RuntimeException e) {
            throw new EnvelopeException(EnvelopeException.Reason.MALFORMED_CMS, "malformed key-agreement parameters", e);
        }
        if (wrap == null || !wrap.getAlgorithm().equals(NISTObjectIdentifiers.id_aes256_wrap)) {
            throw new EnvelopeException(WEAK_ALGORITHM, "key wrap " + (wrap == null ? "none" : wrap.getAlgorithm())
                    + " is not accepted (AES-256 key wrap required)");
        }
    }

    private static void checkPssParameters(AlgorithmIdentifier algorithm, String what) throws EnvelopeException {
        if (!algorithm.getAlgorithm().equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            return;
        }
        RSASSAPSSparams params;
        try {
            params = RSASSAPSSparams.getInstance(algorithm.getParameters());
        } catch (RuntimeException e) {
            throw new EnvelopeException(EnvelopeException.Reason.MALFORMED_CMS, "malformed RSA-PSS parameters", e);
        }
        if (params == null || !DIGESTS.contains(params.getHashAlgorithm().getAlgorithm())
                || !DIGESTS.contains(mgfDigest(params.getMaskGenAlgorithm()))) {
            throw new EnvelopeException(WEAK_ALGORITHM, what + " uses RSA-PSS with SHA-1, which is not accepted");
        }
    }

    private static ASN1ObjectIdentifier mgfDigest(AlgorithmIdentifier mgf) {
        if (mgf == null || !mgf.getAlgorithm().equals(PKCSObjectIdentifiers.id_mgf1)) {
            return mgf == null ? null : mgf.getAlgorithm();
        }
        return AlgorithmIdentifier.getInstance(mgf.getParameters()).getAlgorithm();
    }
}
