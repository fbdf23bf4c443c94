package org.tsunagi.routes.envelope;

import static org.tsunagi.routes.envelope.EnvelopeException.Reason.BAD_SIGNATURE;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.DECRYPTION_FAILED;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.MALFORMED_CMS;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.NOT_FOR_THIS_RECIPIENT;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.TOO_LARGE;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.UNTRUSTED_SIGNER;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.WEAK_ALGORITHM;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEDecrypter;
import com.nimbusds.jose.JWEEncrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.X509CertUtils;
import java.util.Set;

/**
 * The JOSE form of a sealed message, for HTTPS delivery ({@code Accept: application/jose}): a compact JWE
 * (RSA-OAEP-256 for RSA recipients, ECDH-ES+A256KW for EC P-256 recipients; A256GCM; {@code cty: "JOSE"};
 * {@code x5t#S256} of the recipient's certificate) whose payload is a compact JWS of the XML (PS256 for RSA signers,
 * ES256 for EC; {@code x5c}: the signer's certificate and chain; {@code iat}: the signing time in seconds;
 * {@code cty: "xml"}). Opening checks the algorithms (nothing else is accepted), decrypts, verifies the signature
 * against the certificate in {@code x5c} and validates that certificate with the {@link SignerValidator}.
 * The content is in memory (JOSE is compact text), bounded by {@link EnvelopeLimits#maxContentBytes()}.
 * Thread-safe and reusable. Reason codes are those of CMS; MALFORMED_CMS also stands for a malformed JWE or JWS.
 */
public final class JoseEnvelope {

    /** The opened content and what was verified about it. */
    public record Opened(byte[] content, OpenedMessage message) {
    }

    private static final String SIGNING_TIME = "iat";

    private final EnvelopeLimits limits;
    private final Clock clock;
    private final JcaProviders providers;
    private final ProviderKeys ecdsaKeys;

    public JoseEnvelope() {
        this(EnvelopeLimits.defaults());
    }

    public JoseEnvelope(EnvelopeLimits limits) {
        this(limits, Clock.systemUTC());
    }

    /** With an explicit clock for the signing time. */
    public JoseEnvelope(EnvelopeLimits limits, Clock clock) {
        this(limits, clock, JcaProviders.jdk());
    }

    /** With an explicit clock and the JCA providers of ES256, ECDH-ES and A256GCM (Nimbus's JCA context). */
    public JoseEnvelope(EnvelopeLimits limits, Clock clock, JcaProviders providers) {
        this.limits = limits;
        this.clock = clock;
        this.providers = providers;
        this.ecdsaKeys = new ProviderKeys(providers.ecdsa());
    }

    /**
     * Signs {@code content} with {@code signer} and encrypts the JWS to {@code recipient}.
     *
     * @return the compact JWE
     * @throws EnvelopeException TOO_LARGE or WEAK_ALGORITHM (unsupported or weak key of signer or recipient)
     */
    public String seal(byte[] content, Credentials signer, X509Certificate recipient) throws EnvelopeException {
        if (content.length > limits.maxContentBytes()) {
            throw new EnvelopeException(TOO_LARGE, "the message content exceeds the maximum of "
                    + limits.maxContentBytes() + " bytes");
        }
        AlgorithmPolicy.checkKey(signer.certificate().getPublicKey(), "the signer's certificate");
        AlgorithmPolicy.checkKey(recipient.getPublicKey(), "the recipient " + recipient.getSubjectX500Principal().getName());
        try {
            JWSAlgorithm signatureAlgorithm;
            JWSSigner jwsSigner;
            if (signer.certificate().getPublicKey() instanceof RSAPublicKey) {
                signatureAlgorithm = JWSAlgorithm.PS256;
                jwsSigner = new RSASSASigner(signer.privateKey());
            } else if (signer.privateKey() instanceof ECPrivateKey ec) {
                signatureAlgorithm = JWSAlgorithm.ES256;
                jwsSigner = new ECDSASigner((ECPrivateKey) ecdsaKeys.of(ec));
            } else {
                throw new EnvelopeException(WEAK_ALGORITHM, "JWS signing needs an RSA or EC P-256 key");
            }
            List<Base64> chain = new ArrayList<>();
            for (X509Certificate certificate : signer.certificatePath()) {
                chain.add(Base64.encode(certificate.getEncoded()));
            }
            JWSHeader jwsHeader = new JWSHeader.Builder(signatureAlgorithm).contentType("xml").x509CertChain(chain)
                    .customParam(SIGNING_TIME, clock.instant().getEpochSecond()).build();
            JWSObject jws = new JWSObject(jwsHeader, new Payload(content));
            if (jwsSigner instanceof ECDSASigner) {
                jwsSigner.getJCAContext().setProvider(providers.ecdsa());
            }
            jws.sign(jwsSigner);

            JWEAlgorithm keyManagement;
            JWEEncrypter encrypter;
            if (recipient.getPublicKey() instanceof RSAPublicKey rsa) {
                keyManagement = JWEAlgorithm.RSA_OAEP_256;
                encrypter = new RSAEncrypter(rsa);
            } else if (recipient.getPublicKey() instanceof ECPublicKey ec && ec.getParams().getOrder().bitLength() == 256) {
                keyManagement = JWEAlgorithm.ECDH_ES_A256KW;
                encrypter = new ECDHEncrypter(ec);
                // The ephemeral key, the agreement and the AES key wrap in one provider that has all three
                // (ACCP has no AESWrap): Bouncy Castle, 3-4x faster here than the JDK's SunEC.
                encrypter.getJCAContext().setKeyEncryptionProvider(CryptoProvider.BC);
            } else {
                throw new EnvelopeException(WEAK_ALGORITHM, "JWE encryption needs an RSA or EC P-256 recipient key");
            }
            JWEHeader jweHeader = new JWEHeader.Builder(keyManagement, EncryptionMethod.A256GCM).contentType("JOSE")
                    .x509CertSHA256Thumbprint(thumbprint(recipient)).build();
            JWEObject jwe = new JWEObject(jweHeader, new Payload(jws.serialize()));
            encrypter.getJCAContext().setContentEncryptionProvider(providers.aesGcm());
            jwe.encrypt(encrypter);
            return jwe.serialize();
        } catch (JOSEException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot seal as JOSE: " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts {@code compactJwe} with {@code recipient}'s key, verifies the inner JWS and validates its signer.
     *
     * @throws EnvelopeException with the same reason codes as CMS opening
     */
    public Opened open(String compactJwe, Credentials recipient, SignerValidator validator) throws EnvelopeException {
        if (compactJwe.length() > limits.maxSealedBytes()) {
            throw new EnvelopeException(TOO_LARGE, "the JWE exceeds the maximum of " + limits.maxSealedBytes() + " bytes");
        }
        JWEObject jwe;
        try {
            jwe = JWEObject.parse(compactJwe.strip());
        } catch (ParseException | RuntimeException e) {
            // Nimbus throws NullPointerException for a header without "enc" (found by EnvelopeFuzzTest)
            throw new EnvelopeException(MALFORMED_CMS, "malformed JWE: " + e.getMessage(), e);
        }
        JWEHeader header = jwe.getHeader();
        if (header.getCompressionAlgorithm() != null) {
            throw new EnvelopeException(MALFORMED_CMS, "compressed JWE payloads are not accepted");
        }
        if (!EncryptionMethod.A256GCM.equals(header.getEncryptionMethod())
                || !JWEAlgorithm.RSA_OAEP_256.equals(header.getAlgorithm())
                && !JWEAlgorithm.ECDH_ES_A256KW.equals(header.getAlgorithm())) {
            throw new EnvelopeException(WEAK_ALGORITHM, "JWE " + header.getAlgorithm() + " / "
                    + header.getEncryptionMethod() + " is not accepted (RSA-OAEP-256 or ECDH-ES+A256KW with A256GCM)");
        }
        X509Certificate own = recipient.certificate();
        boolean rsaKey = own.getPublicKey() instanceof RSAPublicKey;
        if (rsaKey != JWEAlgorithm.RSA_OAEP_256.equals(header.getAlgorithm())
                || header.getX509CertSHA256Thumbprint() != null
                && !header.getX509CertSHA256Thumbprint().equals(thumbprint(own))) {
            throw new EnvelopeException(NOT_FOR_THIS_RECIPIENT, "the JWE is not addressed to "
                    + own.getSubjectX500Principal().getName());
        }
        try {
            JWEDecrypter decrypter = rsaKey ? new RSADecrypter(recipient.privateKey())
                    : new ECDHDecrypter((ECPrivateKey) recipient.privateKey());
            jwe.decrypt(decrypter);
        } catch (JOSEException | RuntimeException e) {
            throw new EnvelopeException(DECRYPTION_FAILED, "the JWE could not be decrypted", e);
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(jwe.getPayload().toString());
        } catch (ParseException | RuntimeException e) {
            throw new EnvelopeException(MALFORMED_CMS, "the JWE payload is not a compact JWS", e);
        }
        return verify(jws, validator);
    }

    private Opened verify(JWSObject jws, SignerValidator validator) throws EnvelopeException {
        JWSHeader header = jws.getHeader();
        if (!JWSAlgorithm.PS256.equals(header.getAlgorithm()) && !JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw new EnvelopeException(WEAK_ALGORITHM, "JWS " + header.getAlgorithm() + " is not accepted (PS256 or ES256)");
        }
        List<Base64> chain = header.getX509CertChain();
        if (chain == null || chain.isEmpty()) {
            throw new EnvelopeException(UNTRUSTED_SIGNER, "the JWS carries no signer certificate (x5c)");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Base64 encoded : chain) {
            X509Certificate certificate = X509CertUtils.parse(encoded.decode());
            if (certificate == null) {
                throw new EnvelopeException(MALFORMED_CMS, "malformed certificate in the JWS x5c header");
            }
            certificates.add(certificate);
        }
        X509Certificate signer = certificates.get(0);
        AlgorithmPolicy.checkKey(signer.getPublicKey(), "signer " + signer.getSubjectX500Principal().getName());
        Object iat = header.getCustomParam(SIGNING_TIME);
        if (!(iat instanceof Number seconds)) {
            throw new EnvelopeException(MALFORMED_CMS, "the JWS has no signing time (iat) in its protected header");
        }
        Instant signingTime = Instant.ofEpochSecond(seconds.longValue());
        try {
            JWSVerifier verifier;
            if (JWSAlgorithm.PS256.equals(header.getAlgorithm()) && signer.getPublicKey() instanceof RSAPublicKey rsa) {
                verifier = new RSASSAVerifier(rsa, Set.of(SIGNING_TIME));
            } else if (JWSAlgorithm.ES256.equals(header.getAlgorithm()) && signer.getPublicKey() instanceof ECPublicKey ec) {
                verifier = new ECDSAVerifier(ec, Set.of(SIGNING_TIME));
            } else {
                throw new EnvelopeException(BAD_SIGNATURE, "the JWS algorithm does not match the signer's key");
            }
            if (!jws.verify(verifier)) {
                throw new EnvelopeException(BAD_SIGNATURE, "the JWS signature does not verify");
            }
        } catch (JOSEException e) {
            throw new EnvelopeException(BAD_SIGNATURE, "the JWS signature does not verify: " + e.getMessage(), e);
        }
        List<X509Certificate> path = validator.validate(signer, certificates.subList(1, certificates.size()), signingTime);
        byte[] content = jws.getPayload().toBytes();
        if (content.length > limits.maxContentBytes()) {
            throw new EnvelopeException(TOO_LARGE, "the message content exceeds the maximum of "
                    + limits.maxContentBytes() + " bytes");
        }
        return new Opened(content, new OpenedMessage(signer, path, signingTime, sha256Hex(content), content.length));
    }

    private static Base64URL thumbprint(X509Certificate certificate) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute a certificate thumbprint", e);
        }
    }

    private static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
