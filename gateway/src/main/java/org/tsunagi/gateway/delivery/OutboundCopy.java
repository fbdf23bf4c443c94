package org.tsunagi.gateway.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import org.tsunagi.gateway.ledger.LedgerEntry;
import org.tsunagi.gateway.ledger.LedgerEvent;

/**
 * One recipient's sealed copy of an inbound message, as the pipeline hands it to the {@link Outbox}: the same
 * redacted content in the delivery form(s) its recipient registered (at least one), with what the ledger needs to record its delivery.
 *
 * <p>Build it with {@link #of}, which computes the digests; the canonical constructor checks that given digests
 * match the content. The byte array is copied in and out, so an instance cannot be changed after the fact.
 *
 * @param copyId      the copy's id: what the recipient sees in the API ({@code GET /api/v1/messages/{id}})
 * @param messageId   the inbound message's {@code Header/MessageId}
 * @param senderId    the participant id of the inbound message's sender (its signer)
 * @param recipientId the participant id the copy is sealed for
 * @param messageType the message type, e.g. {@code ReleaseNotice}
 * @param purpose     the purpose of the agreement the copy was redacted for
 * @param legalBasis  that agreement's legal basis, as {@code LegalBasis.describe()}
 * @param subjectRef  the keyed hash of the person the message is about ({@code SubjectReference.hex()}, 64 lower-case
 *                    hex); {@code null} when there is none (statistics)
 * @param createdAt   when the copy was sealed (kept to the microsecond, the database's precision)
 * @param cms         the sealed CMS file (DER), served as {@code application/pkcs7-mime}; {@code null} when the
 *                    recipient registered the JOSE form only
 * @param jose        the compact JWE whose payload is a JWS of the XML, served as {@code application/jose};
 *                    {@code null} when the recipient registered the CMS form only
 * @param cmsSha256   lowercase hex SHA-256 of {@code cms} ({@code null} with it)
 * @param joseSha256  lowercase hex SHA-256 of the ASCII bytes of {@code jose} ({@code null} with it)
 */
public record OutboundCopy(UUID copyId, UUID messageId, String senderId, String recipientId, String messageType,
                           String purpose, String legalBasis, String subjectRef, Instant createdAt, byte[] cms,
                           String jose, String cmsSha256, String joseSha256) {

    public OutboundCopy {
        Objects.requireNonNull(copyId, "copyId");
        Objects.requireNonNull(messageId, "messageId");
        requireText(senderId, "senderId");
        requireText(recipientId, "recipientId");
        requireText(messageType, "messageType");
        requireText(purpose, "purpose");
        requireText(legalBasis, "legalBasis");
        if (subjectRef != null && !subjectRef.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("subjectRef is the ledger's subject reference: 64 lower-case hex");
        }
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
        if (cms == null && jose == null) {
            throw new IllegalArgumentException("copy " + copyId + " has no delivery form");
        }
        if (cms != null) {
            cms = cms.clone();
            if (cms.length == 0) {
                throw new IllegalArgumentException("cms is empty");
            }
        }
        if (jose != null) {
            requireText(jose, "jose");
        }
        if (!Objects.equals(cms == null ? null : sha256(cms), cmsSha256)) {
            throw new IllegalArgumentException("cmsSha256 does not match the CMS bytes of copy " + copyId);
        }
        if (!Objects.equals(jose == null ? null : sha256(jose.getBytes(StandardCharsets.US_ASCII)), joseSha256)) {
            throw new IllegalArgumentException("joseSha256 does not match the JOSE string of copy " + copyId);
        }
    }

    /** A copy with its digests computed from the content ({@code cms} or {@code jose} may be null, not both). */
    public static OutboundCopy of(UUID copyId, UUID messageId, String senderId, String recipientId,
                                  String messageType, String purpose, String legalBasis, String subjectRef,
                                  Instant createdAt, byte[] cms, String jose) {
        return new OutboundCopy(copyId, messageId, senderId, recipientId, messageType, purpose, legalBasis,
                subjectRef, createdAt, cms, jose, cms == null ? null : sha256(cms),
                jose == null ? null : sha256(jose.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Whether the copy was sealed in this form (the recipient's registered delivery form). */
    public boolean has(DeliveryFormat format) {
        return format == DeliveryFormat.CMS ? cms != null : jose != null;
    }

    /** The forms this copy was sealed in, CMS first. */
    public java.util.List<DeliveryFormat> forms() {
        return java.util.Arrays.stream(DeliveryFormat.values()).filter(this::has).toList();
    }

    /** The SHA-256 of one form of the copy, or {@code null} if it was not sealed in that form. */
    public String sha256(DeliveryFormat format) {
        return format == DeliveryFormat.CMS ? cmsSha256 : joseSha256;
    }

    /** The digest the ledger's DISCLOSED entry names: of the CMS form, or of the JOSE form for a JOSE-only copy. */
    public String sealedSha256() {
        return cmsSha256 != null ? cmsSha256 : joseSha256;
    }

    /**
     * The ledger entry of an event on this copy (DISCLOSED, DELIVERED, ACKNOWLEDGED): message, copy, parties, purpose,
     * legal basis and subject, the same on every event of the copy. The caller adds what only its event knows.
     */
    public LedgerEntry.Builder ledgerEntry(LedgerEvent event, Instant time) {
        return new LedgerEntry.Builder(event, time)
                .messageId(messageId.toString())
                .messageType(messageType)
                .copyId(copyId.toString())
                .sender(senderId)
                .recipient(recipientId)
                .purpose(purpose)
                .legalBasis(legalBasis)
                .subjectHex(subjectRef);
    }

    @Override
    public byte[] cms() {
        return cms == null ? null : cms.clone();
    }

    /** The {@code size} the API lists: bytes of the CMS form, or of the JOSE form for a JOSE-only copy. */
    public int size() {
        return cms != null ? cms.length : jose.length();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
