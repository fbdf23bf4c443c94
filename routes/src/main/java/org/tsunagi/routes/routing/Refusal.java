package org.tsunagi.routes.routing;

import java.util.Objects;

/**
 * A recipient the message would go to but that gets nothing; recorded as REFUSED in the ledger.
 *
 * @param recipientId the recipient refused (a participant id, or the code of an unregistered local government)
 * @param reason      why
 */
public record Refusal(String recipientId, RefusalReason reason) {

    public Refusal {
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(reason, "reason");
    }
}
