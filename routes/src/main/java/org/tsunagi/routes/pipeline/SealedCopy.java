package org.tsunagi.routes.pipeline;

import java.util.UUID;

/**
 * One recipient's copy sealed for it, in the delivery form(s) it registered: at least one of the two.
 *
 * @param redacted the redacted copy
 * @param copyId   the copy's id (what the recipient sees)
 * @param cms      the CMS file (signed by the gateway, encrypted to the recipient), or {@code null} if the
 *                 recipient takes the JOSE form only
 * @param jose     the compact JWE (payload: a JWS of the XML), for {@code Accept: application/jose}, or {@code null}
 *                 if the recipient takes the CMS form only
 */
public record SealedCopy(RedactedCopy redacted, UUID copyId, byte[] cms, String jose) {

    public SealedCopy {
        if (cms == null && jose == null) {
            throw new IllegalArgumentException("a sealed copy has at least one delivery form");
        }
    }

    public String recipientId() {
        return redacted.disclosure().recipientId();
    }
}
