package org.tsunagi.routes.pipeline;

import java.util.List;

/**
 * A routed message with one redacted copy per recipient, except the copies withheld.
 *
 * @param routed   the routed message
 * @param copies   one per disclosure of the routing decision that was not withheld
 * @param withheld the disclosures whose copy could not be made (recorded and named on the sender's receipt)
 */
public record Redacted(Routed routed, List<RedactedCopy> copies, List<WithheldCopy> withheld) {

    public Redacted {
        copies = List.copyOf(copies);
        withheld = List.copyOf(withheld);
    }

    /** Every copy made. */
    public Redacted(Routed routed, List<RedactedCopy> copies) {
        this(routed, copies, List.of());
    }
}
