package org.tsunagi.gateway.ledger;

/** One field path that left the gateway in a copy, and how it was transformed (e.g. "keep", "pseudonym", "generalise:year"). */
public record DisclosedField(String path, String transform) {

    public DisclosedField {
        if (path == null || path.isBlank() || transform == null || transform.isBlank()) {
            throw new IllegalArgumentException("a disclosed field has a path and a transform");
        }
    }
}
