package org.tsunagi.routes.pipeline;

import java.time.Instant;
import java.util.Objects;

/**
 * A drop decrypted, its signature verified and its signer validated and identified.
 *
 * @param drop      the drop
 * @param signerId  the participant the signer's certificate is registered to (equals the inbox owner)
 * @param xml       the signed content
 * @param deadline  when this attempt at the drop must be decided by; past it, the next step refuses the drop
 */
public record Opened(Drop drop, String signerId, byte[] xml, Instant deadline) {

    public Opened {
        Objects.requireNonNull(drop, "drop");
        Objects.requireNonNull(signerId, "signerId");
        Objects.requireNonNull(xml, "xml");
        Objects.requireNonNull(deadline, "deadline");
    }

    /** Opened with no deadline. */
    public Opened(Drop drop, String signerId, byte[] xml) {
        this(drop, signerId, xml, Instant.MAX);
    }
}
