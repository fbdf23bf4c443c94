package org.tsunagi.routes.envelope;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * When the work on one drop must be done: past it, opening is refused with {@code PROCESSING_TIMEOUT}. Checked on
 * every read of the sealed and the decrypted bytes and between the steps of opening, so no input can hold a worker
 * longer than the deadline plus one bounded step.
 *
 * @param clock the clock the deadline is measured on
 * @param at    the deadline
 */
public record ProcessingDeadline(Clock clock, Instant at) {

    public ProcessingDeadline {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(at, "at");
    }

    /** No deadline (tools, tests). */
    public static ProcessingDeadline none() {
        return new ProcessingDeadline(Clock.systemUTC(), Instant.MAX);
    }

    public boolean passed() {
        return clock.instant().isAfter(at);
    }

    void check() throws EnvelopeException {
        if (passed()) {
            throw timeout();
        }
    }

    EnvelopeException timeout() {
        return new EnvelopeException(EnvelopeException.Reason.PROCESSING_TIMEOUT,
                "the processing deadline " + at + " passed while opening");
    }

    InputStream guard(InputStream in) {
        return at.equals(Instant.MAX) ? in : new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                checkOnRead();
                return super.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int count) throws IOException {
                checkOnRead();
                return super.read(buffer, offset, count);
            }

            @Override
            public boolean markSupported() {
                return false;
            }
        };
    }

    private void checkOnRead() throws RefusalIOException {
        if (passed()) {
            throw new RefusalIOException(timeout());
        }
    }
}
