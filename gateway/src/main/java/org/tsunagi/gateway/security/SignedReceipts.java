package org.tsunagi.gateway.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.security.Key;
import java.text.ParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.tsunagi.gateway.participants.CurrentCertificates;
import org.tsunagi.gateway.participants.ParticipantRegistry;

/**
 * Verifies an acknowledgement receipt: a compact JWS signed with the recipient's registered key (the same
 * algorithms as bearer tokens), whose JSON payload names the copy ({@code "id"}) and may state the SHA-256 of what
 * was received ({@code "sha256"}, of either delivery form). Refusals are {@code invalid-receipt} (400).
 */
@Component
public class SignedReceipts {

    private static final int MAX_RECEIPT_CHARS = 16 * 1024;

    private final ParticipantKeySelector keys;
    private final Ed25519JcaVerifierFactory verifiers = new Ed25519JcaVerifierFactory();
    private final ObjectMapper json;

    SignedReceipts(ParticipantRegistry registry, CurrentCertificates current, ObjectMapper json) {
        this.keys = new ParticipantKeySelector(registry, current);
        this.json = json;
    }

    /**
     * @param receipt       the compact JWS as sent
     * @param participantId who must have signed it
     * @param copyId        the copy it must name
     * @param digests       the lowercase hex SHA-256 values a stated {@code sha256} may have
     * @throws ApiProblem 400 {@code invalid-receipt} naming what is wrong
     */
    public void verify(String receipt, String participantId, UUID copyId, Set<String> digests) {
        if (receipt.length() > MAX_RECEIPT_CHARS) {
            throw refused("the receipt is longer than " + MAX_RECEIPT_CHARS + " characters");
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(receipt.strip());
        } catch (ParseException e) {
            throw refused("the receipt is not a compact JWS: " + e.getMessage());
        }
        List<? extends Key> candidates = keys.selectKeys(jws.getHeader(),
                new JWTClaimsSet.Builder().issuer(participantId).build(), null);
        if (candidates.isEmpty()) {
            throw refused("the receipt's algorithm " + jws.getHeader().getAlgorithm()
                    + " does not fit the registered key of " + participantId);
        }
        // Several candidates during a certificate renewal overlap (unless kid or x5t#S256 named one).
        boolean verified = false;
        for (Key candidate : candidates) {
            try {
                verified = jws.verify(verifiers.createJWSVerifier(jws.getHeader(), candidate));
            } catch (JOSEException e) {
                throw refused("the receipt's signature cannot be verified: " + e.getMessage());
            }
            if (verified) {
                break;
            }
        }
        if (!verified) {
            throw refused("the receipt's signature does not verify with a registered key of " + participantId);
        }
        JsonNode payload;
        try {
            payload = json.readTree(jws.getPayload().toBytes());
        } catch (IOException e) {
            throw refused("the receipt's payload is not JSON");
        }
        if (payload == null || !copyId.toString().equals(payload.path("id").asText(null))) {
            throw refused("the receipt does not name this message (\"id\": \"" + copyId + "\")");
        }
        JsonNode sha = payload.get("sha256");
        if (sha != null && !digests.contains(sha.asText())) {
            throw refused("the receipt's sha256 matches neither form of this message");
        }
    }

    private static ApiProblem refused(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-receipt", detail);
    }
}
