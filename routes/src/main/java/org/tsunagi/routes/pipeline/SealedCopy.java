package org.tsunagi.routes.pipeline;

import java.util.UUID;

/**
 * One recipient's copy sealed for it, in both delivery forms.
 *
 * @param redacted the redacted copy
 * @param copyId   the copy's id (what the recipient sees)
 * @param cms      the CMS file (signed by the gateway, encrypted to the recipient)
 * @param jose     the compact JWE (payload: a JWS of the XML), for {@code Accept: application/jose}
 */
public record SealedCopy(RedactedCopy redacted, UUID copyId, byte[] cms, String jose) {

    public String recipientId() {
        return redacted.disclosure().recipientId();
    }
}
