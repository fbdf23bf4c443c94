package org.tsunagi.gateway.delivery;

import java.time.Instant;

/**
 * A copy as the outbox holds it: the content and its delivery state.
 *
 * @param copy           the sealed copy
 * @param seq            its place in the outbox
 * @param deliveredAt    its first download, or {@code null}
 * @param acknowledgedAt its acknowledgement, or {@code null} while pending
 */
public record StoredCopy(OutboundCopy copy, long seq, Instant deliveredAt, Instant acknowledgedAt) {

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }
}
