package org.tsunagi.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import org.tsunagi.gateway.participants.CurrentCertificates;
import org.tsunagi.gateway.participants.Participant;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.JWTClaimsSetAwareJWSKeySelector;
import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;
import org.tsunagi.gateway.participants.ParticipantRegistry;

/**
 * Picks the keys that may have signed a bearer token (or an acknowledgement): the keys of the registered certificates
 * of the participant named by {@code iss}, and only for an algorithm that fits them (ES256 for P-256, PS256 for RSA,
 * EdDSA for Ed25519). A participant may have several certificates during a renewal overlap: the token's
 * {@code x5t#S256} (SHA-256 of the certificate, base64url) or {@code kid} (that same value, or the RFC 7638 SHA-256
 * thumbprint of the public key) selects one; without either, every candidate is tried. Only certificates valid now
 * are candidates (an expired or revoked one no longer signs anything); when none is, all registered ones are, so that
 * the certificate check afterwards refuses the token naming why ({@code certificate-refused}). Anything else
 * (unknown issuer, {@code none}, HMAC, RS256, a mismatched key type, a {@code kid} or {@code x5t#S256} that names
 * no candidate) yields no key, and Nimbus refuses the token.
 */
final class ParticipantKeySelector implements JWTClaimsSetAwareJWSKeySelector<SecurityContext> {

    static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256, JWSAlgorithm.EdDSA);

    private final ParticipantRegistry registry;
    private final CurrentCertificates current;

    ParticipantKeySelector(ParticipantRegistry registry, CurrentCertificates current) {
        this.registry = registry;
        this.current = current;
    }

    @Override
    public List<? extends Key> selectKeys(JWSHeader header, JWTClaimsSet claims, SecurityContext context) {
        if (claims.getIssuer() == null || !ACCEPTED.contains(header.getAlgorithm())) {
            return List.of();
        }
        Participant participant = registry.find(claims.getIssuer()).orElse(null);
        if (participant == null) {
            return List.of();
        }
        List<X509Certificate> candidates = current.valid(participant);
        if (candidates.isEmpty()) {
            candidates = participant.certificates();
        }
        return candidates.stream()
                .filter(certificate -> named(header, certificate))
                .map(X509Certificate::getPublicKey)
                .filter(key -> fits(header.getAlgorithm(), key))
                .toList();
    }

    /** Whether the header's certificate hint, if any, names this certificate. */
    private static boolean named(JWSHeader header, X509Certificate certificate) {
        Base64URL x5t = header.getX509CertSHA256Thumbprint();
        String kid = header.getKeyID();
        if (x5t == null && kid == null) {
            return true;
        }
        String certificateThumbprint = thumbprint(certificate);
        if (x5t != null && !x5t.toString().equals(certificateThumbprint)) {
            return false;
        }
        return kid == null || kid.equals(certificateThumbprint) || kid.equals(keyThumbprint(certificate));
    }

    private static String thumbprint(X509Certificate certificate) {
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())).toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 7638 of the certificate's public key; null for a key type Nimbus does not model. */
    private static String keyThumbprint(X509Certificate certificate) {
        try {
            return JWK.parse(certificate).computeThumbprint().toString();
        } catch (JOSEException | RuntimeException e) {
            return null;
        }
    }

    private static boolean fits(JWSAlgorithm algorithm, PublicKey key) {
        if (JWSAlgorithm.ES256.equals(algorithm)) {
            return key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256;
        }
        if (JWSAlgorithm.PS256.equals(algorithm)) {
            return key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= 2048;
        }
        return JWSAlgorithm.EdDSA.equals(algorithm) && key instanceof EdECPublicKey ed
                && "Ed25519".equalsIgnoreCase(ed.getParams().getName());
    }
}
