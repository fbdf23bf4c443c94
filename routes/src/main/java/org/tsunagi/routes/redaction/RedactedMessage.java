package org.tsunagi.routes.redaction;

import java.util.List;
import org.w3c.dom.Document;

/**
 * One recipient's copy of a message.
 *
 * @param document  the redacted message, with its {@code Disclosure} element filled; valid against the schema
 * @param xml       the same, serialised (UTF-8)
 * @param disclosed the fields present in the copy and their form, in policy order (for the ledger)
 * @param withheld  the field paths the policy withholds from this message type (as listed in {@code Disclosure})
 */
public record RedactedMessage(Document document, byte[] xml, List<DisclosedField> disclosed, List<String> withheld) {

    public RedactedMessage {
        disclosed = List.copyOf(disclosed);
        withheld = List.copyOf(withheld);
    }

    /** The paths of {@link #disclosed()}, as the ledger entry lists them. */
    public List<String> disclosedPaths() {
        return disclosed.stream().map(DisclosedField::path).toList();
    }
}
