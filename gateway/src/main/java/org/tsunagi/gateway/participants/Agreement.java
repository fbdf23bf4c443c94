package org.tsunagi.gateway.participants;

import java.time.LocalDate;
import java.util.Set;
import org.tsunagi.routes.redaction.LegalBasis;

/**
 * An information-sharing agreement that allows a participant to receive a kind of message for one purpose.
 * Without an active agreement, nothing is disclosed to the participant.
 *
 * @param id                 the agreement's reference, recorded with each disclosure
 * @param purpose            the disclosure purpose; selects the redaction policy
 * @param legalBasis         what makes the provision lawful, named by the id the disclosure policies use
 * @param messageTypes       the message types this agreement covers
 * @param senders            the senders it covers; empty means any sender allowed to send those types
 * @param validFrom          first day of validity
 * @param validUntil         last day of validity
 * @param minimumCellCount   statistics: counts below this are suppressed (k)
 */
public record Agreement(String id, String purpose, LegalBasis legalBasis, Set<String> messageTypes,
                        Set<String> senders, LocalDate validFrom, LocalDate validUntil, int minimumCellCount) {

    public Agreement {
        messageTypes = Set.copyOf(messageTypes);
        senders = Set.copyOf(senders);
    }

    public boolean isActiveOn(LocalDate day) {
        return !day.isBefore(validFrom) && !day.isAfter(validUntil);
    }

    public boolean covers(String messageType, String sender) {
        return messageTypes.contains(messageType) && (senders.isEmpty() || senders.contains(sender));
    }
}
