package org.tsunagi.gateway.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.Base64;
import java.util.Map;
import org.tsunagi.gateway.ledger.StoredEntry;

/**
 * A listed entry: {@code entry} is the stored canonical JSON, emitted verbatim so its RFC 8785 form is the leaf;
 * {@code columns} are the search columns stored beside it (null when absent), which {@code ledger verify} compares
 * with the entry.
 */
record EntryItem(long index, String leafHash, @JsonRawValue String entry,
                 @JsonInclude(content = JsonInclude.Include.ALWAYS) Map<String, String> columns) {

    static EntryItem of(StoredEntry stored) {
        return new EntryItem(stored.index(), Base64.getEncoder().encodeToString(stored.leafHash()), stored.canonicalJson(),
                stored.columns().asMap());
    }
}
