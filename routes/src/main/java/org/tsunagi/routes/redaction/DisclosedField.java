package org.tsunagi.routes.redaction;

/**
 * A field that left in a redacted copy, and in what form: what the ledger records as the items provided.
 *
 * @param path       the field path in the sender's message
 * @param method     {@code keep}, {@code pseudonymise}, {@code age-band}, {@code birth-year}, {@code municipality},
 *                   {@code offence-category} or {@code small-cell-suppression}
 * @param resultPath where the recipient finds it (equal to {@code path} unless the form is a separate element)
 */
public record DisclosedField(String path, String method, String resultPath) {
}
