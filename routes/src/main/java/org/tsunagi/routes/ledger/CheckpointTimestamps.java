package org.tsunagi.routes.ledger;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * RFC 3161 timestamps over a checkpoint's signed note (Bouncy Castle {@code tsp}): the message imprint is the
 * SHA-256 of the note's exact UTF-8 bytes. The gateway asks for them, {@code ledger verify --tsa-cert} checks them.
 */
public final class CheckpointTimestamps {

    private static final int MAX_RESPONSE = 64 * 1024;
    private static final SecureRandom NONCES = new SecureRandom();

    private CheckpointTimestamps() {
    }

    /** A time-stamp request for {@code note}: SHA-256 imprint, a fresh nonce, the TSA's certificate asked for. */
    public static TimeStampRequest request(String note) {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        return generator.generate(NISTObjectIdentifiers.id_sha256, sha256(note), new BigInteger(64, NONCES));
    }

    /**
     * Parses a TSA's answer to {@code request} and checks it is a granted response to it (imprint, nonce, policy
     * if any); returns the DER of the response, as stored and served.
     */
    public static byte[] accept(TimeStampRequest request, byte[] responseDer) throws TSPException, IOException {
        if (responseDer.length > MAX_RESPONSE) {
            throw new TSPException("time-stamp response larger than " + MAX_RESPONSE + " bytes");
        }
        TimeStampResponse response = new TimeStampResponse(responseDer);
        response.validate(request);
        if (response.getTimeStampToken() == null) {
            throw new TSPException("time-stamp refused: " + response.getStatusString());
        }
        return response.getEncoded();
    }

    /** A verified timestamp: when the TSA saw the note, and who the TSA is. */
    public record Verified(Instant time, String tsa) {
    }

    /**
     * Verifies a stored response for {@code note} against the TSA certificate: signed by it (which must carry the
     * critical timeStamping extended key usage, as RFC 3161 requires), over the SHA-256 of the note.
     */
    public static Verified verify(byte[] responseDer, String note, X509Certificate tsaCertificate) throws TSPException {
        try {
            if (responseDer.length > MAX_RESPONSE) {
                throw new TSPException("time-stamp response larger than " + MAX_RESPONSE + " bytes");
            }
            TimeStampToken token = new TimeStampResponse(responseDer).getTimeStampToken();
            if (token == null) {
                throw new TSPException("the response holds no time-stamp token");
            }
            SignerInformationVerifier verifier = new JcaSimpleSignerInfoVerifierBuilder().build(tsaCertificate);
            token.validate(verifier);
            if (!MessageDigest.isEqual(token.getTimeStampInfo().getMessageImprintDigest(), sha256(note))
                    || !NISTObjectIdentifiers.id_sha256.equals(token.getTimeStampInfo().getMessageImprintAlgOID())) {
                throw new TSPException("the time-stamp covers another document than this checkpoint");
            }
            return new Verified(token.getTimeStampInfo().getGenTime().toInstant(),
                    tsaCertificate.getSubjectX500Principal().getName());
        } catch (IOException | OperatorCreationException | IllegalArgumentException e) {
            throw new TSPException("unreadable time-stamp: " + e.getMessage(), e);
        }
    }

    static byte[] sha256(String note) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(note.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
