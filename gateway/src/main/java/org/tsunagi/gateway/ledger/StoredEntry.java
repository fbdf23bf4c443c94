package org.tsunagi.gateway.ledger;

/**
 * A ledger entry as stored: its index, leaf hash, the canonical JSON text that was hashed, and the search columns
 * stored beside it (which must say what the JSON says: {@link SearchColumns}).
 */
public record StoredEntry(long index, byte[] leafHash, String canonicalJson, SearchColumns columns) {
}
