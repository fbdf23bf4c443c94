package org.tsunagi.schemas.codec;

import java.util.Objects;
import java.util.Optional;

/**
 * A message the codec refused, with a stable {@link ReasonCode}. The message text never contains field values (so it
 * is safe to log and to put in a rejection receipt): only the reason, element names and the location.
 */
public final class MessageRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ReasonCode reason;
    private final String detail;
    private final transient ErrorLocation location;

    public MessageRejectedException(ReasonCode reason, String detail) {
        this(reason, detail, null, null);
    }

    public MessageRejectedException(ReasonCode reason, String detail, ErrorLocation location) {
        this(reason, detail, location, null);
    }

    public MessageRejectedException(ReasonCode reason, String detail, ErrorLocation location, Throwable cause) {
        super(reason + ": " + detail + (location == null ? "" : " (" + location + ")"), cause);
        this.reason = Objects.requireNonNull(reason);
        this.detail = Objects.requireNonNull(detail);
        this.location = location;
    }

    /** The stable reason code. */
    public ReasonCode reason() {
        return reason;
    }

    /** A short explanation without field values. */
    public String detail() {
        return detail;
    }

    /** Where the problem was found, when the document was read far enough to tell. */
    public Optional<ErrorLocation> location() {
        return Optional.ofNullable(location);
    }
}
