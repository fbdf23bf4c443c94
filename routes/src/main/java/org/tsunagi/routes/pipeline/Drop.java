package org.tsunagi.routes.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A sealed file as it was found in a participant's inbox, wherever it came from (embedded SFTP, a polled remote
 * server, the HTTPS API).
 *
 * @param participantId the participant whose inbox it was found in: the only signer it may have
 * @param fileName      its name in the inbox
 * @param content       the sealed bytes
 * @param sha256        lowercase hex SHA-256 of {@code content}: what logs show
 * @param receivedAt    when the gateway took it
 * @param takeId        the gateway's id for this taking of the file out of the inbox (its place in the work area),
 *                      or null for a drop handed over without one
 */
public record Drop(String participantId, String fileName, byte[] content, String sha256, Instant receivedAt,
                   String takeId) {

    public Drop {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    public static Drop of(String participantId, String fileName, byte[] content, Instant receivedAt) {
        return new Drop(participantId, fileName, content, sha256(content), receivedAt, null);
    }

    /** The same drop, as taken into the gateway's work area under {@code takeId}. */
    public Drop taken(String takeId) {
        return new Drop(participantId, fileName, content, sha256, receivedAt, takeId);
    }

    /**
     * What makes this drop the same drop after a crash: participant, file name and content. The gateway decides
     * each key once; a file seen again with the same key only gets the unfinished part of its handling redone.
     */
    public String key() {
        return sha256((participantId + "\0" + fileName + "\0" + sha256).getBytes(StandardCharsets.UTF_8));
    }

    /** For logs: participant, file name and digest, never content. */
    @Override
    public String toString() {
        return "Drop[" + participantId + "/" + fileName + " sha256=" + sha256 + "]";
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
