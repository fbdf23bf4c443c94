package org.tsunagi.gateway.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tsunagi.gateway.ledger.RememberedCheckpoint.Remembered;
import org.tsunagi.routes.ledger.Checkpoint;
import org.tsunagi.routes.ledger.CheckpointException;
import org.tsunagi.routes.ledger.CheckpointVerifier;
import org.tsunagi.routes.ledger.ConsistencyProof;
import org.tsunagi.routes.ledger.MerkleHashes;
import org.tsunagi.routes.ledger.MerkleProofs;

/**
 * Proves the database's tree consistent with the last checkpoint the gateway signed, as remembered outside the
 * database ({@link RememberedCheckpoint}): the RFC 9162 consistency proof from the remembered size to the current
 * one, built from the stored nodes, must verify against both roots. The self-check also requires the remembered
 * checkpoint to still be in {@code ledger_checkpoint} and every entry since it to hash to its stored leaf.
 */
final class ContinuityCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ContinuityCheck.class);
    /** Entries since the remembered checkpoint that the self-check rehashes, at most (a checkpoint is due far sooner). */
    private static final long MAX_REHASHED = 100_000;
    private static final int PAGE = 1000;

    private final LedgerStore store;
    private final RememberedCheckpoint remembered;
    private final CheckpointVerifier verifier;

    ContinuityCheck(LedgerStore store, RememberedCheckpoint remembered, CheckpointVerifier verifier) {
        this.store = store;
        this.remembered = remembered;
        this.verifier = verifier;
    }

    /** Empty if the tree of {@code size} entries with {@code root} extends the remembered checkpoint; else why not. */
    Optional<String> problemWith(long size, byte[] root) {
        Optional<Remembered> last;
        try {
            last = remembered.read();
        } catch (CheckpointException e) {
            return Optional.of("the remembered checkpoint " + remembered.file() + " does not verify with the gateway's "
                    + "checkpoint key: " + e.getMessage());
        }
        if (last.isEmpty()) {
            return Optional.empty();
        }
        Checkpoint signed = last.get().checkpoint();
        long m = signed.treeSize();
        if (m > size) {
            return Optional.of("the ledger holds " + size + " entries but the gateway signed a checkpoint at size " + m
                    + " (" + describe(signed) + "): entries were removed");
        }
        try {
            ConsistencyProof proof = MerkleProofs.consistency(m, size, store);
            if (!proof.verify(signed.rootHash(), root)) {
                return Optional.of("the tree of " + size + " entries (root " + b64(root) + ") is not consistent with the "
                        + "checkpoint the gateway signed (" + describe(signed) + "): history was rewritten");
            }
        } catch (RuntimeException e) {
            return Optional.of("the tree's nodes between sizes " + m + " and " + size + " cannot be read ("
                    + e.getMessage() + "): the node table was changed");
        }
        return Optional.empty();
    }

    /** The full self-check of the current tree (called under the append lock); empty when all is well. */
    Optional<String> selfCheck() {
        long size = store.size();
        Optional<Remembered> last;
        try {
            last = remembered.read();
        } catch (CheckpointException e) {
            return Optional.of("the remembered checkpoint " + remembered.file() + " does not verify with the gateway's "
                    + "checkpoint key: " + e.getMessage());
        }
        if (last.isEmpty()) {
            Optional<String> baseline = baseline();
            if (baseline.isPresent()) {
                return baseline;
            }
            try {
                last = remembered.read();
            } catch (CheckpointException e) {
                return Optional.of(e.getMessage());
            }
        }
        byte[] root;
        try {
            root = MerkleProofs.root(size, store);
        } catch (RuntimeException e) {
            return Optional.of("the tree of " + size + " entries cannot be computed from the node table ("
                    + e.getMessage() + "): the node table was changed");
        }
        Optional<String> problem = problemWith(size, root);
        if (problem.isPresent() || last.isEmpty()) {
            return problem;
        }
        Remembered signed = last.get();
        Optional<String> stored = store.checkpointNote(signed.checkpoint().treeSize());
        if (stored.isEmpty() || !stored.get().equals(signed.note())) {
            return Optional.of("the checkpoint the gateway signed at size " + signed.checkpoint().treeSize()
                    + " is " + (stored.isEmpty() ? "missing from" : "different in") + " ledger_checkpoint: the checkpoint "
                    + "table was changed");
        }
        return rehash(Math.max(signed.checkpoint().treeSize(), size - MAX_REHASHED), size);
    }

    /** With no remembered checkpoint yet (first start), the database's latest signed one becomes the baseline. */
    private Optional<String> baseline() {
        Optional<String> note = store.latestCheckpointNote();
        if (note.isEmpty()) {
            return Optional.empty();
        }
        try {
            Checkpoint checkpoint = verifier.verify(note.get());
            remembered.remember(note.get(), checkpoint);
            LOG.warn("no remembered checkpoint in {}: the database's latest signed checkpoint ({}) is the baseline from "
                    + "now on", remembered.file(), describe(checkpoint));
            return Optional.empty();
        } catch (CheckpointException e) {
            return Optional.of("the latest checkpoint in ledger_checkpoint does not verify with the gateway's key: "
                    + e.getMessage());
        } catch (java.io.IOException e) {
            return Optional.of("cannot keep the baseline checkpoint in " + remembered.file() + ": " + e.getMessage());
        }
    }

    /** Every entry in [from, to) must hash to its stored leaf hash and to its level-0 node. */
    private Optional<String> rehash(long from, long to) {
        for (long start = from; start < to; start += PAGE) {
            long end = Math.min(to, start + PAGE);
            List<StoredEntry> entries = store.range(start, end);
            Map<Long, byte[]> leaves = store.leafNodes(start, end);
            if (entries.size() != end - start) {
                return Optional.of("entries between " + start + " and " + end + " are missing");
            }
            for (StoredEntry entry : entries) {
                byte[] leaf = MerkleHashes.leaf(entry.canonicalJson().getBytes(StandardCharsets.UTF_8));
                if (!MessageDigest.isEqual(leaf, entry.leafHash())
                        || !MessageDigest.isEqual(leaf, leaves.get(entry.index()))) {
                    return Optional.of("entry " + entry.index() + " does not hash to its leaf in the tree: the entry "
                            + "was changed");
                }
            }
        }
        return Optional.empty();
    }

    static String describe(Checkpoint checkpoint) {
        return "size " + checkpoint.treeSize() + ", root " + b64(checkpoint.rootHash());
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
