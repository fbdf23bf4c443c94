package org.tsunagi.gateway.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sealed copies waiting for their recipients (tables {@code outbox_copy} and {@code outbox_event}, documented
 * in {@code db/migration/postgresql/V10__outbox.sql}).
 *
 * <p>Writes join the caller's transaction and refuse to run without one, so that a copy, its ledger entries and the
 * state change that caused them commit or roll back together. A copy's content never changes; only its delivery
 * state moves forward (delivered, acknowledged), and each download and the acknowledgement is kept as an event.
 * Every read names the recipient: a copy is only ever found together with the participant it is sealed for.
 */
@Repository
public class Outbox {

    /** The largest page {@link #pending} returns. */
    public static final int MAX_PAGE = 500;

    private final JdbcClient jdbc;

    public Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds a copy for its recipient, in the caller's transaction.
     *
     * @throws org.springframework.dao.DuplicateKeyException when the copy id, or a copy of the same message for the
     *         same recipient, is already there
     * @throws org.springframework.transaction.IllegalTransactionStateException when called outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(OutboundCopy copy) {
        jdbc.sql("""
                INSERT INTO outbox_copy (copy_id, message_id, sender_id, recipient_id, message_type, purpose,
                    legal_basis, subject_ref, created_at, cms, cms_sha256, jose, jose_sha256)
                VALUES (:copyId, :messageId, :senderId, :recipientId, :messageType, :purpose,
                    :legalBasis, :subjectRef, :createdAt, :cms, :cmsSha256, :jose, :joseSha256)
                """)
                .param("copyId", copy.copyId())
                .param("messageId", copy.messageId())
                .param("senderId", copy.senderId())
                .param("recipientId", copy.recipientId())
                .param("messageType", copy.messageType())
                .param("purpose", copy.purpose())
                .param("legalBasis", copy.legalBasis())
                .param("subjectRef", copy.subjectRef())
                .param("createdAt", utc(copy.createdAt()))
                .param("cms", copy.cms())
                .param("cmsSha256", copy.cmsSha256())
                .param("jose", copy.jose())
                .param("joseSha256", copy.joseSha256())
                .update();
    }

    /**
     * A recipient's copies not yet acknowledged, oldest first.
     *
     * @param afterSeq start after this position (0 for the first page; then the previous page's {@code next})
     * @param limit    page size, 1 to {@link #MAX_PAGE}
     */
    @Transactional(readOnly = true)
    public PendingPage pending(String recipientId, long afterSeq, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("page size must be 1 to " + MAX_PAGE + ", not " + limit);
        }
        List<PendingCopy> rows = jdbc.sql("""
                SELECT copy_id, message_type, COALESCE(OCTET_LENGTH(cms), CHAR_LENGTH(jose)) AS size, created_at, seq
                FROM outbox_copy
                WHERE recipient_id = :recipientId AND acknowledged_at IS NULL AND seq > :afterSeq
                ORDER BY seq LIMIT :fetch
                """)
                .param("recipientId", recipientId)
                .param("afterSeq", afterSeq)
                .param("fetch", limit + 1)
                .query((rs, n) -> new PendingCopy(rs.getObject("copy_id", UUID.class), rs.getString("message_type"),
                        rs.getLong("size"), instant(rs, "created_at"), rs.getLong("seq")))
                .list();
        return PendingPage.of(rows, limit);
    }

    /** The copy with this id if, and only if, it is sealed for this recipient. */
    @Transactional(readOnly = true)
    public Optional<StoredCopy> find(UUID copyId, String recipientId) {
        return jdbc.sql("SELECT * FROM outbox_copy WHERE copy_id = :copyId AND recipient_id = :recipientId")
                .param("copyId", copyId)
                .param("recipientId", recipientId)
                .query(Outbox::storedCopy)
                .optional();
    }

    /**
     * Records a download by the recipient, in the caller's transaction: an event every time, and the first one as
     * the copy's {@code delivered_at}.
     *
     * @return whether the copy exists for this recipient (nothing is recorded otherwise)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean recordDelivery(UUID copyId, String recipientId, DeliveryFormat format, Instant at) {
        // Only the first download writes the copy's row: a later one leaves it alone (an UPDATE that keeps the value
        // still rewrites the row and its page), and only looks whether the copy is there.
        int first = jdbc.sql("""
                UPDATE outbox_copy SET delivered_at = :at
                WHERE copy_id = :copyId AND recipient_id = :recipientId AND delivered_at IS NULL
                """)
                .param("at", utc(at)).param("copyId", copyId).param("recipientId", recipientId).update();
        if (first == 0 && jdbc.sql("""
                SELECT COUNT(*) FROM outbox_copy WHERE copy_id = :copyId AND recipient_id = :recipientId
                """).param("copyId", copyId).param("recipientId", recipientId).query(Long.class).single() == 0) {
            return false;
        }
        addEvent(copyId, OutboxEvent.Kind.DELIVERED, recipientId, at, format, null);
        return true;
    }

    /**
     * Marks the copy acknowledged by its recipient, in the caller's transaction, keeping the receipt as evidence.
     * Safe against concurrent acknowledgements on several gateway instances: exactly one of them wins.
     *
     * @param receipt the recipient's JWS receipt (already verified), or {@code null}
     * @return {@code true} if this call acknowledged it; {@code false} if it was already acknowledged or is not
     *         sealed for this recipient
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean acknowledge(UUID copyId, String recipientId, String receipt, Instant at) {
        int changed = jdbc.sql("""
                UPDATE outbox_copy SET acknowledged_at = :at
                WHERE copy_id = :copyId AND recipient_id = :recipientId AND acknowledged_at IS NULL
                """)
                .param("at", utc(at)).param("copyId", copyId).param("recipientId", recipientId).update();
        if (changed == 0) {
            return false;
        }
        addEvent(copyId, OutboxEvent.Kind.ACKNOWLEDGED, recipientId, at, null, receipt);
        return true;
    }

    /** The delivery history of a copy, oldest first. */
    @Transactional(readOnly = true)
    public List<OutboxEvent> history(UUID copyId) {
        return jdbc.sql("SELECT * FROM outbox_event WHERE copy_id = :copyId ORDER BY seq")
                .param("copyId", copyId)
                .query((rs, n) -> new OutboxEvent(rs.getObject("copy_id", UUID.class),
                        OutboxEvent.Kind.valueOf(rs.getString("kind")), rs.getString("participant"),
                        instant(rs, "at"),
                        rs.getString("format") == null ? null
                                : DeliveryFormat.ofMediaType(rs.getString("format")).orElseThrow(),
                        rs.getString("receipt")))
                .list();
    }

    private void addEvent(UUID copyId, OutboxEvent.Kind kind, String participant, Instant at, DeliveryFormat format,
                          String receipt) {
        jdbc.sql("""
                INSERT INTO outbox_event (copy_id, kind, participant, at, format, receipt)
                VALUES (:copyId, :kind, :participant, :at, :format, :receipt)
                """)
                .param("copyId", copyId)
                .param("kind", kind.name())
                .param("participant", participant)
                .param("at", utc(at))
                .param("format", format == null ? null : format.mediaType())
                .param("receipt", receipt)
                .update();
    }

    private static StoredCopy storedCopy(ResultSet rs, int row) throws SQLException {
        OutboundCopy copy = new OutboundCopy(rs.getObject("copy_id", UUID.class),
                rs.getObject("message_id", UUID.class), rs.getString("sender_id"), rs.getString("recipient_id"),
                rs.getString("message_type"), rs.getString("purpose"), rs.getString("legal_basis"),
                rs.getString("subject_ref"), instant(rs, "created_at"), rs.getBytes("cms"), rs.getString("jose"),
                rs.getString("cms_sha256"), rs.getString("jose_sha256"));
        return new StoredCopy(copy, rs.getLong("seq"), instant(rs, "delivered_at"), instant(rs, "acknowledged_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        // The database keeps microseconds: truncate rather than let it round.
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
