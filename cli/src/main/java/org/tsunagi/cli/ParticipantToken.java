package org.tsunagi.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.tsunagi.routes.envelope.KeyMaterial;

/**
 * The bearer token a participant presents to the gateway's HTTPS API: a JWT it signs with its registered key
 * (ES256 for a P-256 key, PS256 for an RSA key) with {@code iss} = participant id, {@code aud} = the gateway id,
 * {@code iat}, {@code exp} at most 5 minutes ahead and a random {@code jti} (never reused).
 */
public final class ParticipantToken {

    /** The gateway's id: the audience of every token. */
    public static final String GATEWAY_AUDIENCE = "tsunagi-gateway";
    /** The longest lifetime the gateway accepts. */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

    private final String participantId;
    private final JWSSigner signer;
    private final JWSAlgorithm algorithm;
    private final Clock clock;

    public ParticipantToken(String participantId, PrivateKey key, Clock clock) {
        if (participantId == null || participantId.isBlank()) {
            throw new IllegalArgumentException("participant id is required");
        }
        this.participantId = participantId;
        this.clock = clock;
        if (key instanceof ECPrivateKey ec) {
            if (ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new IllegalArgumentException("EC participant keys must be P-256 (ES256)");
            }
            try {
                this.signer = new ECDSASigner(ec);
            } catch (JOSEException e) {
                throw new IllegalArgumentException("unusable EC key: " + e.getMessage(), e);
            }
            this.algorithm = JWSAlgorithm.ES256;
        } else if (key instanceof RSAPrivateKey rsa) {
            this.signer = new RSASSASigner(rsa);
            this.algorithm = JWSAlgorithm.PS256;
        } else {
            throw new IllegalArgumentException("participant keys are EC P-256 or RSA, not " + key.getAlgorithm());
        }
    }

    /** Loads the participant's unencrypted PKCS#8 PEM key ({@code -----BEGIN PRIVATE KEY-----}). */
    public static ParticipantToken load(String participantId, Path pkcs8Pem) throws IOException {
        return new ParticipantToken(participantId, KeyMaterial.privateKey(pkcs8Pem), Clock.systemUTC());
    }

    /** The algorithm tokens are signed with: ES256 or PS256. */
    public JWSAlgorithm algorithm() {
        return algorithm;
    }

    /** A fresh token valid for two minutes. */
    public String mint() {
        return mint(Duration.ofMinutes(2));
    }

    /** A fresh token valid for {@code lifetime} (at most 5 minutes). */
    public String mint(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("token lifetime must be between 1 second and 5 minutes");
        }
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(participantId)
                .audience(GATEWAY_AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /**
     * A compact JWS of {@code payload} signed like the tokens (e.g. an acknowledgement receipt, whose payload is
     * {@code {"id": "<message id>", "sha256": "<hex of what was received>"}}).
     */
    public String signJws(byte[] payload) {
        JWSObject jws = new JWSObject(new JWSHeader(algorithm), new Payload(payload));
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign: " + e.getMessage(), e);
        }
        return jws.serialize();
    }
}
