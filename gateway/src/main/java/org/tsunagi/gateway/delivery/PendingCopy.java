package org.tsunagi.gateway.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * A line of a recipient's pending list.
 *
 * @param copyId      the id to download and acknowledge it by
 * @param messageType e.g. {@code ReleaseNotice}
 * @param size        size of the CMS form in bytes
 * @param createdAt   when it was sealed
 * @param seq         its place in the outbox: the paging position
 */
public record PendingCopy(UUID copyId, String messageType, long size, Instant createdAt, long seq) {
}
