package org.tsunagi.routes.pipeline;

import java.util.Objects;

/**
 * A drop decrypted, its signature verified and its signer validated and identified.
 *
 * @param drop      the drop
 * @param signerId  the participant the signer's certificate is registered to (equals the inbox owner)
 * @param xml       the signed content
 */
public record Opened(Drop drop, String signerId, byte[] xml) {

    public Opened {
        Objects.requireNonNull(drop, "drop");
        Objects.requireNonNull(signerId, "signerId");
        Objects.requireNonNull(xml, "xml");
    }
}
