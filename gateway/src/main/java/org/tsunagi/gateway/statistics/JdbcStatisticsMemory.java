package org.tsunagi.gateway.statistics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tsunagi.routes.redaction.ReleasedCell;
import org.tsunagi.routes.redaction.StatisticsHistory;
import org.tsunagi.routes.redaction.StatisticsMemory;

/** The statistics memory in the gateway's database ({@code db/migration/*}/V70__statistics_memory.sql). */
final class JdbcStatisticsMemory implements StatisticsMemory {

    private final JdbcClient jdbc;

    JdbcStatisticsMemory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public StatisticsHistory recall(Set<String> recipients, String senderId, String referencePeriod) {
        if (recipients.isEmpty()) {
            return StatisticsHistory.NONE;
        }
        // One cell per table and key: seen by any of the recipients means seen by the group.
        Map<String, ReleasedCell> cells = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT table_ref, cell_key, cell_value, published FROM statistics_release
                WHERE sender_id = :sender AND reference_period = :period AND recipient_id IN (:recipients)
                ORDER BY table_ref, cell_key, recipient_id""")
                .param("sender", senderId).param("period", referencePeriod).param("recipients", List.copyOf(recipients))
                .query((rs, n) -> {
                    long value = rs.getLong("cell_value");
                    return new ReleasedCell(rs.getString("table_ref"), rs.getString("cell_key"),
                            rs.wasNull() ? null : value, rs.getBoolean("published"));
                }).list()
                .forEach(c -> cells.merge(c.table() + "|" + c.key(), c, (a, b) -> a.published() ? a : b));
        return new StatisticsHistory(new ArrayList<>(cells.values()));
    }

    @Override
    public void remember(String recipientId, String senderId, String referencePeriod, String messageId,
                         List<ReleasedCell> cells, Instant releasedAt) {
        for (ReleasedCell c : cells) {
            jdbc.sql("""
                    INSERT INTO statistics_release (release_key, recipient_id, sender_id, reference_period, message_id,
                        table_ref, cell_key, cell_value, published, released_at)
                    VALUES (:key, :recipient, :sender, :period, :message, :table, :cell, :value, :published, :at)""")
                    .param("key", releaseKey(recipientId, c)).param("recipient", recipientId).param("sender", senderId)
                    .param("period", referencePeriod).param("message", messageId).param("table", c.table())
                    .param("cell", c.key()).param("value", c.value()).param("published", c.published())
                    .param("at", releasedAt.atOffset(ZoneOffset.UTC)).update();
        }
    }

    /** Cells remembered for a recipient (for tests and the operator's view). */
    long count(String recipientId) {
        return jdbc.sql("SELECT COUNT(*) FROM statistics_release WHERE recipient_id = :r").param("r", recipientId)
                .query(Long.class).single();
    }

    private static String releaseKey(String recipientId, ReleasedCell cell) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {recipientId, cell.table(), cell.key()}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
