package org.tsunagi.gateway.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.tsunagi.routes.envelope.KeyMaterial;

/** Bearer tokens as a participant's system makes them, signed with the demo keys (tests run from gateway/). */
final class TestTokens {

    static final Path KEYS = Path.of("../keys-example");
    static final String GATEWAY = "tsunagi-gateway";

    private TestTokens() {
    }

    static String token(String participant) {
        return token(participant, claims -> claims);
    }

    static String token(String participant, UnaryOperator<JWTClaimsSet.Builder> adjust) {
        return sign(keyFile(participant), adjust.apply(claims(participant)).build());
    }

    static JWTClaimsSet.Builder claims(String participant) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(participant).audience(GATEWAY).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(120))).jwtID(UUID.randomUUID().toString());
    }

    static Path keyFile(String participant) {
        return participant.startsWith("facility-") && !participant.equals("facility-nagoya")
                ? KEYS.resolve("test").resolve(participant.substring("facility-".length())).resolve("key.pem")
                : KEYS.resolve(participant).resolve("key.pem");
    }

    static PrivateKey key(Path file) {
        try {
            return KeyMaterial.privateKey(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ES256 for an EC key, PS256 for an RSA key. */
    static String sign(Path keyFile, JWTClaimsSet claims) {
        PrivateKey key = key(keyFile);
        try {
            JWSSigner signer = key instanceof ECPrivateKey ec ? new ECDSASigner(ec) : new RSASSASigner(key);
            JWSAlgorithm alg = key instanceof ECPrivateKey ? JWSAlgorithm.ES256 : JWSAlgorithm.PS256;
            SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
