package org.tsunagi.routes.redaction;

import java.nio.file.Path;

/**
 * A policy file that cannot be accepted. Thrown at start-up; the message names the file and the line so that the
 * operator can fix it, and {@link #reason()} is a stable code for tooling.
 */
public final class PolicyException extends RuntimeException {

    /** Stable reason codes. */
    public enum Reason {
        /** The file is not well-formed YAML, or uses anchors, aliases or tags. */
        SYNTAX,
        /** A key the policy format does not define. */
        UNKNOWN_KEY,
        /** A required key is missing. */
        MISSING_KEY,
        /** The same key or field path appears twice. */
        DUPLICATE,
        /** A purpose that is not one of {@link Purpose}, or a file named differently from its purpose. */
        UNKNOWN_PURPOSE,
        /** A legal basis or other vocabulary term that is not defined. */
        UNKNOWN_TERM,
        /** A message type that the schemas do not define. */
        UNKNOWN_MESSAGE_TYPE,
        /** A field path that is not an element of that message type in the schemas. */
        UNKNOWN_PATH,
        /** A transform that is not defined. */
        UNKNOWN_TRANSFORM,
        /** A transform that cannot apply to that field (e.g. an age band of a name). */
        TRANSFORM_NOT_APPLICABLE,
        /** The policy discloses part of an element but not a child the schema requires there. */
        REQUIRED_FIELD_WITHHELD,
        /** The policy discloses victim-related remarks, which are never disclosed. */
        VICTIM_REMARKS,
        /** The directory holds no policy, or cannot be read. */
        UNREADABLE
    }

    private final Reason reason;
    private final Path file;
    private final int line;

    PolicyException(Reason reason, Path file, int line, String detail) {
        super(file + (line > 0 ? ":" + line : "") + ": " + detail + " [" + reason + "]");
        this.reason = reason;
        this.file = file;
        this.line = line;
    }

    public Reason reason() {
        return reason;
    }

    /** The policy file at fault. */
    public Path file() {
        return file;
    }

    /** The 1-based line at fault, or 0 when the fault concerns the whole file. */
    public int line() {
        return line;
    }
}
