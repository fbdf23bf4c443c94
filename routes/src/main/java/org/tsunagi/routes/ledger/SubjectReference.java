package org.tsunagi.routes.ledger;

import java.util.regex.Pattern;

/** The ledger's name for a person: 64 lower-case hex characters of a keyed hash, never the identifiers themselves. */
public record SubjectReference(String hex) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public SubjectReference {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("a subject reference is 64 lower-case hex characters");
        }
    }

    @Override
    public String toString() {
        return hex;
    }
}
