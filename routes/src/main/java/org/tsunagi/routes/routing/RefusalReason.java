package org.tsunagi.routes.routing;

/** Why a recipient gets nothing, or why a message has no recipient at all. The names are stable reason codes. */
public enum RefusalReason {
    /** The recipient has no active agreement covering this message type from this sender. */
    NO_AGREEMENT,
    /** The only agreements need the person's consent, and the message does not record it. */
    NO_CONSENT,
    /** The recipient the message names (or the place of return) is not a registered participant. */
    RECIPIENT_NOT_REGISTERED,
    /** The message names no recipient the gateway can route to (e.g. no place of return, no addressee). */
    NO_ROUTE,
    /** An InformationResponse whose CorrelationId names no request this sender was asked. */
    NO_MATCHING_REQUEST
}
