package org.tsunagi.routes.envelope;

import java.io.IOException;

/** Carries a refusal through Bouncy Castle's stream layers, which only let IOExceptions pass. */
final class RefusalIOException extends IOException {

    private final transient EnvelopeException refusal;

    RefusalIOException(EnvelopeException refusal) {
        super(refusal.getMessage());
        this.refusal = refusal;
    }

    EnvelopeException refusal() {
        return refusal;
    }

    /** The refusal somewhere in {@code failure}'s cause chain, or null. */
    static EnvelopeException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RefusalIOException r) {
                return r.refusal();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    static RefusalIOException tooLarge(String what, long limit) {
        return new RefusalIOException(new EnvelopeException(EnvelopeException.Reason.TOO_LARGE,
                what + " exceeds the maximum of " + limit + " bytes"));
    }
}
