package org.tsunagi.gateway.ledger;

/** A ledger entry as stored: its index, leaf hash and the canonical JSON text that was hashed. */
public record StoredEntry(long index, byte[] leafHash, String canonicalJson) {
}
