package org.tsunagi.cli.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
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

    /** The search columns the gateway stores beside each entry, under the entry's member names. */
    private static final List<String> COLUMNS = List.of("event", "time", "messageId", "copyId", "sender", "recipient",
            "purpose", "subject");

    void add(long index, JsonNode entry, byte[] claimedLeafHash, JsonNode columns) throws VerificationFailure {
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
        checkColumns(index, entry, columns);
        frontier.append(leaf);
        leaves.writeBytes(leaf);
        if (previous != null && frontier.size() == previous.checkpoint().treeSize()
                && !MessageDigest.isEqual(frontier.root(), previous.checkpoint().rootHash())) {
            throw new VerificationFailure("first bad index " + index + ": the first " + frontier.size()
                    + " entries no longer give the previously verified root");
        }
    }

    /**
     * The gateway's searches (by subject, party, purpose, event, time, copy) run on columns stored beside the entry:
     * each must say what the hashed entry says, or a search could hide or invent entries while the tree verifies.
     */
    private static void checkColumns(long index, JsonNode entry, JsonNode columns) throws VerificationFailure {
        if (!columns.isObject()) {
            throw new VerificationFailure("first bad index " + index + ": the gateway did not list entry " + index
                    + "'s search columns");
        }
        for (String name : COLUMNS) {
            String stored = text(columns.path(name));
            String hashed = text(entry.path(name));
            boolean same = name.equals("time") ? sameInstant(stored, hashed) : Objects.equals(stored, hashed);
            if (!same) {
                throw new VerificationFailure("first bad index " + index + ": entry " + index + "'s search column "
                        + name + " differs from the entry (the search columns were changed)");
            }
        }
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.textValue() : null;
    }

    private static boolean sameInstant(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        try {
            return Instant.parse(a).equals(Instant.parse(b));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    byte[] root() {
        return frontier.root();
    }

    byte[] leaves() {
        return leaves.toByteArray();
    }
}
