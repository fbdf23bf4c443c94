package org.tsunagi.gateway.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.Base64;
import org.tsunagi.gateway.ledger.StoredEntry;

/** A listed entry: {@code entry} is the stored canonical JSON, emitted verbatim so its RFC 8785 form is the leaf. */
record EntryItem(long index, String leafHash, @JsonRawValue String entry) {

    static EntryItem of(StoredEntry stored) {
        return new EntryItem(stored.index(), Base64.getEncoder().encodeToString(stored.leafHash()), stored.canonicalJson());
    }
}
