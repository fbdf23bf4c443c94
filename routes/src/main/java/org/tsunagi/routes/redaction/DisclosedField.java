package org.tsunagi.routes.redaction;

/**
 * A field that left in a copy, and in what form: what the copy's {@code Disclosure} element lists and what the
 * ledger records as the items provided. The one record for this from redaction to ledger.
 *
 * @param path       the field path in the sender's message
 * @param transform  the policy's transform id: {@code keep}, {@code pseudonymise}, {@code age-band},
 *                   {@code birth-year}, {@code municipality}, {@code offence-category}, ... or
 *                   {@code small-cell-suppression}
 * @param resultPath where the recipient finds it (equal to {@code path} unless the form is a separate element)
 */
public record DisclosedField(String path, String transform, String resultPath) {

    public DisclosedField {
        if (path == null || path.isBlank() || transform == null || transform.isBlank()) {
            throw new IllegalArgumentException("a disclosed field has a path and a transform");
        }
        resultPath = resultPath == null ? path : resultPath;
    }

    /** A field that the recipient finds where the sender wrote it. */
    public DisclosedField(String path, String transform) {
        this(path, transform, path);
    }
}
