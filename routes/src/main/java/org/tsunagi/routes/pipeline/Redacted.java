package org.tsunagi.routes.pipeline;

import java.util.List;

/**
 * A routed message with one redacted copy per recipient.
 *
 * @param routed     the routed message
 * @param copies     one per disclosure of the routing decision
 */
public record Redacted(Routed routed, List<RedactedCopy> copies) {

    public Redacted {
        copies = List.copyOf(copies);
    }
}
