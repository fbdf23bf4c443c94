package org.tsunagi.routes.pipeline;

import java.util.List;

/**
 * A routed message with one redacted copy per recipient.
 *
 * @param routed     the routed message
 * @param copies     one per disclosure of the routing decision
 * @param subjectRef the keyed hash of the person the message is about, or null (statistics)
 */
public record Redacted(Routed routed, List<RedactedCopy> copies, String subjectRef) {

    public Redacted {
        copies = List.copyOf(copies);
    }
}
