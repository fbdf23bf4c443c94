package org.tsunagi.gateway.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The senders' signed receipts as the API serves them (table {@code sender_receipt}, documented in
 * {@code db/migration/postgresql/V100__sender_receipt.sql}; the bytes are {@code ingest_decision.receipt}, the same
 * CMS the sender's SFTP outbox gets). Rows are written by the pipeline with its decision; here they are only read
 * and moved forward (delivered, acknowledged). Every read names the sender: a receipt is only ever found together
 * with the participant it is sealed for.
 */
@Repository
class SenderReceipts {

    /** A receipt as downloaded: its name in the SFTP outbox and the signed, encrypted CMS. */
    record StoredReceipt(UUID receiptId, String fileName, byte[] cms, String cmsSha256, Instant acknowledgedAt) {
    }

    private final JdbcClient jdbc;

    SenderReceipts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A sender's receipts not yet acknowledged, oldest first, in the same page shape as its copies. */
    @Transactional(readOnly = true)
    PendingPage pending(String participantId, long afterSeq, int limit) {
        List<PendingCopy> rows = jdbc.sql("""
                SELECT r.receipt_id, OCTET_LENGTH(d.receipt) AS size, r.created_at, r.seq
                FROM sender_receipt r JOIN ingest_decision d ON d.drop_key = r.drop_key
                WHERE r.participant_id = :participant AND r.acknowledged_at IS NULL AND r.seq > :afterSeq
                ORDER BY r.seq LIMIT :fetch
                """)
                .param("participant", participantId)
                .param("afterSeq", afterSeq)
                .param("fetch", limit + 1)
                .query((rs, n) -> new PendingCopy(rs.getObject("receipt_id", UUID.class), "Receipt",
                        rs.getLong("size"), instant(rs, "created_at"), rs.getLong("seq")))
                .list();
        return PendingPage.of(rows, limit);
    }

    /** The receipt with this id if, and only if, it is sealed for this sender. */
    @Transactional(readOnly = true)
    Optional<StoredReceipt> find(UUID receiptId, String participantId) {
        return jdbc.sql("""
                SELECT r.receipt_id, r.acknowledged_at, d.receipt_name, d.receipt
                FROM sender_receipt r JOIN ingest_decision d ON d.drop_key = r.drop_key
                WHERE r.receipt_id = :id AND r.participant_id = :participant
                """)
                .param("id", receiptId)
                .param("participant", participantId)
                .query((rs, n) -> {
                    byte[] cms = rs.getBytes("receipt");
                    return new StoredReceipt(rs.getObject("receipt_id", UUID.class), rs.getString("receipt_name"),
                            cms, sha256(cms), instant(rs, "acknowledged_at"));
                })
                .optional();
    }

    /** Records the first download time, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    void recordDelivery(UUID receiptId, String participantId, Instant at) {
        jdbc.sql("""
                UPDATE sender_receipt SET delivered_at = COALESCE(delivered_at, :at)
                WHERE receipt_id = :id AND participant_id = :participant
                """)
                .param("at", utc(at)).param("id", receiptId).param("participant", participantId).update();
    }

    /**
     * Marks the receipt acknowledged by its sender, in the caller's transaction; exactly one of several concurrent
     * acknowledgements wins.
     *
     * @param ackReceipt the sender's JWS (already verified), or {@code null}
     * @return whether this call acknowledged it
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean acknowledge(UUID receiptId, String participantId, String ackReceipt, Instant at) {
        return jdbc.sql("""
                UPDATE sender_receipt SET acknowledged_at = :at, ack_receipt = :ackReceipt
                WHERE receipt_id = :id AND participant_id = :participant AND acknowledged_at IS NULL
                """)
                .param("at", utc(at)).param("ackReceipt", ackReceipt).param("id", receiptId)
                .param("participant", participantId).update() == 1;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
