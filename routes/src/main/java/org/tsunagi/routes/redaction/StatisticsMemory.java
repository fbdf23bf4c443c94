package org.tsunagi.routes.redaction;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The gateway's memory of the statistics it released, per recipient, sender and reference period (the port the
 * database implements). A copy's cells are remembered in the same transaction that commits the copy, so that what
 * is remembered is exactly what was sent.
 */
public interface StatisticsMemory {

    /** The cells released to any of {@code recipients} from {@code senderId} for {@code referencePeriod}. */
    StatisticsHistory recall(Set<String> recipients, String senderId, String referencePeriod);

    /** Records the cells of one copy (idempotent per recipient, message and cell). */
    void remember(String recipientId, String senderId, String referencePeriod, String messageId,
                  List<ReleasedCell> cells, Instant releasedAt);
}
