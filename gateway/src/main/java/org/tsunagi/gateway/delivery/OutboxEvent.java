package org.tsunagi.gateway.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * A step in a copy's delivery history.
 *
 * @param copyId      the copy
 * @param kind        DELIVERED (a download) or ACKNOWLEDGED
 * @param participant who did it
 * @param at          when
 * @param format      DELIVERED: the form downloaded; otherwise {@code null}
 * @param receipt     ACKNOWLEDGED: the recipient's JWS receipt, kept as evidence, or {@code null} when none was sent
 */
public record OutboxEvent(UUID copyId, Kind kind, String participant, Instant at, DeliveryFormat format,
                          String receipt) {

    public enum Kind { DELIVERED, ACKNOWLEDGED }
}
