package org.tsunagi.gateway.pipeline;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tsunagi.routes.pipeline.Decision;
import org.tsunagi.routes.routing.InformationRequests;

/**
 * The pipeline's own tables ({@code db/migration/postgresql/V30__ingest.sql}): decisions per drop, accepted message
 * ids, accepted information requests, and copies to write to SFTP outboxes. Writes run in the caller's transaction.
 */
final class Decisions implements InformationRequests {

    /** A copy to write to an SFTP recipient's outbox. */
    record SftpDelivery(UUID copyId, String recipientId, boolean written) {
    }

    private final JdbcClient jdbc;

    Decisions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredDecision> decision(String dropKey) {
        return jdbc.sql("SELECT * FROM ingest_decision WHERE drop_key = :key").param("key", dropKey)
                .query((rs, n) -> new StoredDecision(rs.getString("drop_key"), rs.getString("participant_id"),
                        rs.getString("file_name"), rs.getString("content_sha256"),
                        Decision.Verdict.valueOf(rs.getString("verdict")), rs.getString("reason_code"),
                        rs.getString("message_id"), rs.getString("message_type"), rs.getString("receipt_name"),
                        rs.getBytes("receipt"), rs.getObject("decided_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    void insert(StoredDecision d) {
        jdbc.sql("""
                INSERT INTO ingest_decision (drop_key, participant_id, file_name, content_sha256, verdict, reason_code,
                    message_id, message_type, receipt_name, receipt, decided_at)
                VALUES (:key, :participant, :file, :sha, :verdict, :reason, :messageId, :type, :receiptName, :receipt,
                    :at)
                """)
                .param("key", d.dropKey()).param("participant", d.participantId()).param("file", d.fileName())
                .param("sha", d.contentSha256()).param("verdict", d.verdict().name())
                .param("reason", d.reasonCode()).param("messageId", d.messageId()).param("type", d.messageType())
                .param("receiptName", d.receiptName()).param("receipt", d.receipt()).param("at", utc(d.decidedAt()))
                .update();
        // The same receipt as the API lists it to the sender (GET /api/v1/messages?kind=receipt): same transaction.
        jdbc.sql("""
                INSERT INTO sender_receipt (receipt_id, drop_key, participant_id, created_at)
                VALUES (:id, :key, :participant, :at)
                """)
                .param("id", UUID.randomUUID()).param("key", d.dropKey()).param("participant", d.participantId())
                .param("at", utc(d.decidedAt()))
                .update();
    }

    boolean isAccepted(UUID messageId) {
        return jdbc.sql("SELECT COUNT(*) FROM accepted_message WHERE message_id = :id").param("id", messageId)
                .query(Long.class).single() > 0;
    }

    void accept(UUID messageId, String sender, String messageType, String dropKey, Instant at) {
        jdbc.sql("""
                INSERT INTO accepted_message (message_id, sender_id, message_type, drop_key, accepted_at)
                VALUES (:id, :sender, :type, :key, :at)
                """)
                .param("id", messageId).param("sender", sender).param("type", messageType).param("key", dropKey)
                .param("at", utc(at)).update();
    }

    void recordRequest(Request request) {
        jdbc.sql("""
                INSERT INTO information_request (request_id, requester_id, addressee_id, requested_items)
                VALUES (:id, :requester, :addressee, :items)
                """)
                .param("id", UUID.fromString(request.requestId())).param("requester", request.requester())
                .param("addressee", request.addressee())
                .param("items", String.join("\n", request.requestedItems().stream().sorted().toList()))
                .update();
    }

    @Override
    public Optional<Request> find(String requestId) {
        UUID id;
        try {
            id = UUID.fromString(requestId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT * FROM information_request WHERE request_id = :id").param("id", id)
                .query((rs, n) -> new Request(rs.getString("request_id"), rs.getString("requester_id"),
                        rs.getString("addressee_id"), items(rs.getString("requested_items"))))
                .optional();
    }

    void addSftpDelivery(UUID copyId, String dropKey, String recipientId) {
        jdbc.sql("INSERT INTO sftp_delivery (copy_id, drop_key, recipient_id) VALUES (:copy, :key, :recipient)")
                .param("copy", copyId).param("key", dropKey).param("recipient", recipientId).update();
    }

    List<SftpDelivery> sftpDeliveries(String dropKey) {
        return jdbc.sql("SELECT * FROM sftp_delivery WHERE drop_key = :key ORDER BY copy_id").param("key", dropKey)
                .query((rs, n) -> new SftpDelivery(rs.getObject("copy_id", UUID.class), rs.getString("recipient_id"),
                        rs.getObject("written_at") != null))
                .list();
    }

    void markWritten(UUID copyId, Instant at) {
        jdbc.sql("UPDATE sftp_delivery SET written_at = :at WHERE copy_id = :copy AND written_at IS NULL")
                .param("at", utc(at)).param("copy", copyId).update();
    }

    private static Set<String> items(String lines) {
        return lines.isEmpty() ? Set.of() : Arrays.stream(lines.split("\n")).collect(Collectors.toSet());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
