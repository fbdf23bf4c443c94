package org.tsunagi.gateway.security;

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
 * Picks the key that must have signed a bearer token: the registered certificate's key of the participant named by
 * {@code iss}, and only for an algorithm that fits it (ES256 for P-256, PS256 for RSA, EdDSA for Ed25519). Anything
 * else (unknown issuer, {@code none}, HMAC, RS256, a mismatched key type) yields no key, and Nimbus refuses the token.
 */
final class ParticipantKeySelector implements JWTClaimsSetAwareJWSKeySelector<SecurityContext> {

    static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256, JWSAlgorithm.EdDSA);

    private final ParticipantRegistry registry;

    ParticipantKeySelector(ParticipantRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<? extends Key> selectKeys(JWSHeader header, JWTClaimsSet claims, SecurityContext context) {
        if (claims.getIssuer() == null || !ACCEPTED.contains(header.getAlgorithm())) {
            return List.of();
        }
        return registry.find(claims.getIssuer())
                .map(participant -> participant.certificate().getPublicKey())
                .filter(key -> fits(header.getAlgorithm(), key))
                .map(List::of)
                .orElse(List.of());
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
