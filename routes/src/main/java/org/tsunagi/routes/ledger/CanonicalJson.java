package org.tsunagi.routes.ledger;

import java.io.IOException;
import org.erdtman.jcs.JsonCanonicalizer;

/** RFC 8785 (JCS) canonical form of a JSON text: the bytes a ledger leaf is made of. */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    /** The UTF-8 bytes of the canonical form of {@code json}; rejects text that is not valid JSON. */
    public static byte[] canonicalize(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedUTF8();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not canonicalisable JSON: " + e.getMessage(), e);
        }
    }
}
