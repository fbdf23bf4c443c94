package org.tsunagi.cli.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import org.tsunagi.cli.ledger.LedgerVerifyCommand.VerificationFailure;
import org.tsunagi.routes.ledger.CanonicalJson;
import org.tsunagi.routes.ledger.MerkleFrontier;
import org.tsunagi.routes.ledger.MerkleHashes;

/**
 * Recomputes the tree from the entries in index order: each entry's leaf hash is recomputed from its RFC 8785 bytes,
 * compared with what the gateway claims and with the leaf verified on the previous run, then added to the tree.
 */
final class LeafRecomputation {

    private final LedgerState previous;
    private final MerkleFrontier frontier = new MerkleFrontier();
    private final ByteArrayOutputStream leaves = new ByteArrayOutputStream();

    LeafRecomputation(LedgerState previous) {
        this.previous = previous;
    }

    long size() {
        return frontier.size();
    }

    void add(long index, JsonNode entry, byte[] claimedLeafHash) throws VerificationFailure {
        long expected = frontier.size();
        if (index != expected) {
            String what = index > expected ? "is missing (the gateway listed entry " + index + " in its place)"
                    : "is out of order (the gateway listed entry " + index + " again)";
            throw new VerificationFailure("first bad index " + expected + ": entry " + expected + " " + what);
        }
        if (!entry.isObject()) {
            throw new VerificationFailure("first bad index " + index + ": entry " + index + " is not a JSON object");
        }
        byte[] leaf = MerkleHashes.leaf(CanonicalJson.canonicalize(entry.toString()));
        if (!MessageDigest.isEqual(leaf, claimedLeafHash)) {
            throw new VerificationFailure("first bad index " + index + ": entry " + index
                    + " does not hash to its leaf hash (it was changed)");
        }
        if (previous != null && index < previous.checkpoint().treeSize()
                && !MessageDigest.isEqual(leaf, previous.leaf(index))) {
            throw new VerificationFailure("first bad index " + index + ": entry " + index
                    + " differs from the entry verified on the previous run (changed, removed or reordered)");
        }
        frontier.append(leaf);
        leaves.writeBytes(leaf);
        if (previous != null && frontier.size() == previous.checkpoint().treeSize()
                && !MessageDigest.isEqual(frontier.root(), previous.checkpoint().rootHash())) {
            throw new VerificationFailure("first bad index " + index + ": the first " + frontier.size()
                    + " entries no longer give the previously verified root");
        }
    }

    byte[] root() {
        return frontier.root();
    }

    byte[] leaves() {
        return leaves.toByteArray();
    }
}
