package org.tsunagi.gateway.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.tsunagi.routes.ledger.CanonicalJson;
import org.tsunagi.routes.ledger.Checkpoint;
import org.tsunagi.routes.ledger.CheckpointSigner;
import org.tsunagi.routes.ledger.CheckpointVerifier;
import org.tsunagi.routes.ledger.ConsistencyProof;
import org.tsunagi.routes.ledger.InclusionProof;
import org.tsunagi.routes.ledger.MerkleFrontier;
import org.tsunagi.routes.ledger.MerkleFrontier.StoredNode;
import org.tsunagi.routes.ledger.MerkleHashes;
import org.tsunagi.routes.ledger.MerkleProofs;

/**
 * The disclosure ledger: an append-only RFC 9162 Merkle log of {@link LedgerEntry} events in the gateway's database,
 * with signed checkpoints and O(log n) proofs.
 *
 * <p>{@link #append} joins the caller's Spring transaction (same DataSource), so the pipeline writes its outbox rows
 * and the ledger entries atomically. Appends from every gateway instance are serialised by a row lock held until
 * that transaction ends, so indices are gap-free: a rolled-back transaction never consumed an index. Callers use
 * READ COMMITTED (the default on H2 and PostgreSQL).
 */
@Service
public class DisclosureLedger {

    private static final Logger LOG = LoggerFactory.getLogger(DisclosureLedger.class);

    private final LedgerStore store;
    private final CheckpointSigner signer;
    private final LedgerProperties properties;
    private final RememberedCheckpoint remembered;
    private final ContinuityCheck continuity;
    private final LedgerAlarm alarm;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    DisclosureLedger(JdbcTemplate jdbc, CheckpointSigner signer, LedgerProperties properties,
                     RememberedCheckpoint remembered, LedgerAlarm alarm, Clock clock) {
        this.store = new LedgerStore(jdbc);
        this.signer = signer;
        this.properties = properties;
        this.remembered = remembered;
        this.alarm = alarm;
        this.clock = clock;
        try {
            this.continuity = new ContinuityCheck(store, remembered, CheckpointVerifier.fromVerifierKey(signer.verifierKey()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the checkpoint key cannot verify its own notes", e);
        }
    }

    /**
     * A ledger outside the gateway's Spring context (benchmarks, tools), remembering the checkpoints it signs in
     * {@code rememberedFile}.
     */
    public static DisclosureLedger standalone(JdbcTemplate jdbc, CheckpointSigner signer, LedgerProperties properties,
                                              Path rememberedFile, MeterRegistry meters) {
        try {
            return new DisclosureLedger(jdbc, signer, properties, new RememberedCheckpoint(rememberedFile,
                    CheckpointVerifier.fromVerifierKey(signer.verifierKey())),
                    new LedgerAlarm(meters, properties.timestamping().requireTimestamp()), Clock.systemUTC());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the checkpoint key cannot verify its own notes", e);
        }
    }

    /** Appends entries in order, inside the caller's transaction if there is one; returns their indices. */
    @Transactional
    public List<Long> append(LedgerEntry... entries) {
        return append(Arrays.asList(entries));
    }

    /** Appends entries in order, inside the caller's transaction if there is one; returns their indices. */
    @Transactional
    public List<Long> append(List<LedgerEntry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        List<LedgerStore.Row> rows = new ArrayList<>(entries.size());
        for (LedgerEntry entry : entries) {
            byte[] bytes = canonicalBytes(entry);
            rows.add(new LedgerStore.Row(-1, MerkleHashes.leaf(bytes), new String(bytes, StandardCharsets.UTF_8), entry));
        }
        store.lock();
        long oldSize = store.size();
        MerkleFrontier frontier = MerkleFrontier.of(oldSize, store);
        List<StoredNode> nodes = new ArrayList<>(entries.size() * 2);
        List<LedgerStore.Row> numbered = new ArrayList<>(rows.size());
        List<Long> indices = new ArrayList<>(rows.size());
        for (LedgerStore.Row row : rows) {
            long index = frontier.size();
            nodes.addAll(frontier.append(row.leafHash()));
            numbered.add(new LedgerStore.Row(index, row.leafHash(), row.json(), row.entry()));
            indices.add(index);
        }
        store.insertEntries(numbered);
        store.insertNodes(nodes);
        long newSize = frontier.size();
        int every = properties.checkpointEveryEntries();
        if (oldSize / every != newSize / every) {
            checkpoint(newSize, frontier.root());
        }
        return List.copyOf(indices);
    }

    /**
     * Signs a checkpoint of the current tree if the latest one is older (or there is none) and the tree is consistent
     * with the last checkpoint the gateway signed; true if it did.
     */
    @Transactional
    public boolean checkpointIfBehind() {
        store.lock();
        long size = store.size();
        Optional<Long> latest = store.latestCheckpointSize();
        if (latest.isPresent() && latest.get() >= size) {
            return false;
        }
        byte[] root;
        try {
            root = MerkleProofs.root(size, store);
        } catch (RuntimeException e) {
            alarm.inconsistent("the tree of " + size + " entries cannot be computed from the node table ("
                    + e.getMessage() + "): the node table was changed");
            return false;
        }
        return checkpoint(size, root);
    }

    /**
     * The self-check, at start and before every scheduled checkpoint: proves the tree consistent with the checkpoint
     * remembered outside the database, and raises or clears the {@link LedgerAlarm}; true if all is well.
     */
    @Transactional
    public boolean selfCheck() {
        store.lock();
        Optional<String> problem = continuity.selfCheck();
        problem.ifPresentOrElse(alarm::inconsistent, alarm::consistent);
        return problem.isEmpty();
    }

    /** Never signs over a different past: no checkpoint while the alarm is raised or the tree does not extend the last. */
    private boolean checkpoint(long size, byte[] root) {
        if (alarm.inconsistency().isPresent()) {
            LOG.error("ledger checkpoint at tree size {} NOT signed: the ledger alarm is raised", size);
            return false;
        }
        Optional<String> problem = continuity.problemWith(size, root);
        if (problem.isPresent()) {
            alarm.inconsistent(problem.get());
            return false;
        }
        Checkpoint checkpoint = new Checkpoint(properties.origin(), size, root);
        String note = signer.sign(checkpoint);
        store.insertCheckpoint(size, root, note, clock.instant());
        afterCommit(() -> {
            try {
                remembered.remember(note, checkpoint);
            } catch (IOException e) {
                // The file lags behind: later checks still prove consistency from the older checkpoint it holds.
                LOG.error("cannot keep the checkpoint at size {} in {}: {}", size, remembered.file(), e.getMessage());
            }
        });
        LOG.info("ledger checkpoint signed at tree size {}", size);
        return true;
    }

    /** Runs {@code action} once the surrounding transaction committed (the checkpoint row is durable), or now. */
    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    /** The number of entries committed so far. */
    @Transactional(readOnly = true)
    public long size() {
        return store.size();
    }

    /** The latest signed checkpoint (C2SP signed note), if any was signed yet. */
    @Transactional(readOnly = true)
    public Optional<String> latestCheckpoint() {
        return store.latestCheckpointNote();
    }

    /** RFC 9162 inclusion proof of entry {@code index} in the tree of {@code treeSize} entries (treeSize <= size()). */
    @Transactional(readOnly = true)
    public InclusionProof inclusionProof(long index, long treeSize) {
        requireWithin(treeSize);
        return MerkleProofs.inclusion(index, treeSize, store);
    }

    /** RFC 9162 consistency proof between two tree sizes (both <= size()). */
    @Transactional(readOnly = true)
    public ConsistencyProof consistencyProof(long fromSize, long toSize) {
        requireWithin(toSize);
        return MerkleProofs.consistency(fromSize, toSize, store);
    }

    /** The root hash of the tree of {@code treeSize} entries. */
    @Transactional(readOnly = true)
    public byte[] rootHash(long treeSize) {
        requireWithin(treeSize);
        return MerkleProofs.root(treeSize, store);
    }

    /** Entries with index in [start, end), in order. */
    @Transactional(readOnly = true)
    public List<StoredEntry> entries(long start, long end) {
        return store.range(start, end);
    }

    /** Up to {@code limit} entries matching {@code filter} with index greater than {@code afterIndex}, in order. */
    @Transactional(readOnly = true)
    public List<StoredEntry> search(EntryFilter filter, long afterIndex, int limit) {
        return store.search(filter, afterIndex, limit);
    }

    /**
     * The entries about copy {@code copyId} whose recipient is {@code recipient} (its DISCLOSED, DELIVERED and
     * ACKNOWLEDGED events), at most {@code limit}, in order: what a recipient may prove the inclusion of.
     */
    @Transactional(readOnly = true)
    public List<StoredEntry> copyEntries(String copyId, String recipient, int limit) {
        return store.copyEntries(copyId, recipient, limit);
    }

    /** The stored RFC 3161 response (DER) timestamping the checkpoint of {@code treeSize}, if there is one. */
    @Transactional(readOnly = true)
    public Optional<byte[]> checkpointTimestamp(long treeSize) {
        return store.timestamp(treeSize);
    }

    /** The leaf bytes of an entry: RFC 8785 canonical JSON. */
    public byte[] canonicalBytes(LedgerEntry entry) {
        try {
            return CanonicalJson.canonicalize(json.writeValueAsString(entry.toJsonObject()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("ledger entry cannot be written as JSON", e);
        }
    }

    private void requireWithin(long treeSize) {
        long size = store.size();
        if (treeSize > size) {
            throw new IllegalArgumentException("tree size " + treeSize + " is beyond the ledger's size " + size);
        }
    }
}
