package org.tsunagi.gateway.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
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
 * <p>Sequenced as Trillian and Tessera do: {@link #append} joins the caller's Spring transaction (same DataSource)
 * and only INSERTs the entries, unsequenced, into {@code ledger_pending}: durable and atomic with the caller's
 * outbox rows at its commit, with no global lock, so writers commit in parallel. The {@link LedgerIntegrator} (one
 * per cluster) then takes committed pending entries in id order and, in one transaction per batch under the
 * {@code ledger_lock} row lock, gives them gap-free indices, stores them and their tree nodes, deletes them from
 * {@code ledger_pending} and signs a checkpoint when one is due. A rolled-back writer never consumed an index.
 */
@Service
public class DisclosureLedger {

    private static final Logger LOG = LoggerFactory.getLogger(DisclosureLedger.class);
    private static final Duration AWAIT_POLL = Duration.ofMillis(10);

    private final LedgerStore store;
    private final CheckpointSigner signer;
    private final LedgerProperties properties;
    private final RememberedCheckpoint remembered;
    private final ContinuityCheck continuity;
    private final CheckpointVerifier verifier;
    private final LedgerAlarm alarm;
    private final Clock clock;
    private final Lane lane;
    private final ObjectMapper json = new ObjectMapper();
    /** Wakes this instance's integrator after a commit that wrote entries (set by the integrator when it starts). */
    private volatile Runnable committed = () -> { };

    DisclosureLedger(JdbcTemplate jdbc, PlatformTransactionManager transactions, CheckpointSigner signer,
                     LedgerProperties properties, RememberedCheckpoint remembered, LedgerAlarm alarm, Clock clock) {
        this.store = new LedgerStore(jdbc);
        this.signer = signer;
        this.properties = properties;
        this.remembered = remembered;
        this.alarm = alarm;
        this.clock = clock;
        try {
            this.verifier = CheckpointVerifier.fromVerifierKey(signer.verifierKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the checkpoint key cannot verify its own notes", e);
        }
        this.continuity = new ContinuityCheck(store, remembered, verifier);
        this.lane = lane(jdbc, transactions);
    }

    /**
     * A ledger outside the gateway's Spring context (benchmarks, tools), remembering the checkpoints it signs in
     * {@code rememberedFile}. Nothing integrates on its own: call {@link #integrateNow()} or run a {@link LedgerIntegrator}.
     */
    public static DisclosureLedger standalone(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                              CheckpointSigner signer, LedgerProperties properties,
                                              Path rememberedFile, MeterRegistry meters) {
        try {
            return new DisclosureLedger(jdbc, transactions, signer, properties, new RememberedCheckpoint(rememberedFile,
                    CheckpointVerifier.fromVerifierKey(signer.verifierKey())),
                    new LedgerAlarm(meters, properties.timestamping().requireTimestamp()), Clock.systemUTC());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the checkpoint key cannot verify its own notes", e);
        }
    }

    /** Where integration runs: a store on one DataSource and its transactions, with the continuity check on it. */
    record Lane(LedgerStore store, TransactionTemplate transactions, ContinuityCheck continuity) {
    }

    /** A lane on another connection (the integrator's own, which holds the cluster's advisory lock). */
    Lane lane(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        LedgerStore on = new LedgerStore(jdbc);
        return new Lane(on, new TransactionTemplate(transactions), new ContinuityCheck(on, remembered, verifier));
    }

    /** This ledger's own lane: the gateway's pool and transaction manager. */
    Lane lane() {
        return lane;
    }

    void onCommit(Runnable wake) {
        this.committed = wake;
    }

    /**
     * Writes entries, unsequenced, inside the caller's transaction if there is one: they are durable when it commits
     * and get their indices from the integrator shortly after (see {@code tsunagi.ledger.integration.*}).
     */
    @Transactional
    public void append(LedgerEntry... entries) {
        append(Arrays.asList(entries));
    }

    /** Writes entries, unsequenced, in order, inside the caller's transaction if there is one. */
    @Transactional
    public void append(List<LedgerEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<LedgerStore.Row> rows = new ArrayList<>(entries.size());
        for (LedgerEntry entry : entries) {
            byte[] bytes = canonicalBytes(entry);
            rows.add(new LedgerStore.Row(-1, MerkleHashes.leaf(bytes), new String(bytes, StandardCharsets.UTF_8), null));
        }
        store.insertPending(rows, clock.instant());
        afterCommit(() -> committed.run());
    }

    /**
     * One integration batch in its own transaction on {@code lane}: the oldest committed pending entries (at most
     * {@code batchSize}, in id order) get the next indices, their leaves and nodes are stored, they leave
     * {@code ledger_pending}, and a checkpoint is signed when one is due. Returns the entries it integrated.
     */
    List<LedgerStore.Pending> integrateBatch(Lane on, int batchSize) {
        return integrateBatch(on, batchSize, true);
    }

    /**
     * {@link #integrateBatch(Lane, int)}; {@code probe} false skips the idle check (the caller just integrated
     * entries, so more are likely: under load the probe, which walks the queue's not yet vacuumed index entries, cost
     * as much as a third of a batch).
     */
    List<LedgerStore.Pending> integrateBatch(Lane on, int batchSize, boolean probe) {
        // Idle: one index lookup, no lock taken and nothing written (a row lock would write on PostgreSQL and H2).
        if (probe && !on.store().pendingUpTo(Long.MAX_VALUE)) {
            return List.of();
        }
        List<LedgerStore.Pending> done = on.transactions().execute(status -> {
            LedgerStore s = on.store();
            s.lock();
            List<LedgerStore.Pending> pending = s.pending(batchSize);
            if (pending.isEmpty()) {
                return pending;
            }
            long oldSize = s.size();
            MerkleFrontier frontier = MerkleFrontier.of(oldSize, s);
            List<StoredNode> nodes = new ArrayList<>(pending.size() * 2);
            List<LedgerStore.Row> numbered = new ArrayList<>(pending.size());
            for (LedgerStore.Pending p : pending) {
                long index = frontier.size();
                nodes.addAll(frontier.append(p.leafHash()));
                // The pending row holds the hashed text only: its columns are read from it once, here, not by the database.
                numbered.add(new LedgerStore.Row(index, p.leafHash(), p.json(), SearchColumns.fromJson(p.json())));
            }
            s.insertEntries(numbered);
            s.insertNodes(nodes);
            s.deletePending(pending);
            long newSize = frontier.size();
            int every = properties.checkpointEveryEntries();
            if (oldSize / every != newSize / every) {
                checkpoint(on, newSize, frontier.root());
            }
            return pending;
        });
        return done == null ? List.of() : done;
    }

    /**
     * Integrates every entry committed so far, now, on this thread (tests and tools; the {@link LedgerIntegrator}
     * does it in service). Safe beside a running integrator: batches serialise on the ledger lock.
     */
    public long integrateNow() {
        long total = 0;
        int batchSize = properties.integration().batchSize();
        List<LedgerStore.Pending> done;
        do {
            done = integrateBatch(lane, batchSize);
            total += done.size();
        } while (done.size() == batchSize);
        return total;
    }

    /**
     * Waits up to {@code max} until every entry committed before this call is integrated (woken by this instance's
     * integrator, or another instance's); true if they are.
     */
    public boolean awaitIntegrated(Duration max) {
        long newest = store.backlog().newestId();
        long deadline = System.nanoTime() + max.toNanos();
        while (store.pendingUpTo(newest)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            committed.run();
            try {
                Thread.sleep(AWAIT_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** {@link #awaitIntegrated(Duration)} for {@code tsunagi.ledger.integration.read-wait}. */
    public boolean awaitIntegrated() {
        return awaitIntegrated(properties.integration().readWait());
    }

    /** The entries waiting for integration: how many, since when. */
    LedgerStore.Backlog backlog() {
        return store.backlog();
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
        return checkpoint(lane, size, root);
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
    private boolean checkpoint(Lane on, long size, byte[] root) {
        if (alarm.inconsistency().isPresent()) {
            LOG.error("ledger checkpoint at tree size {} NOT signed: the ledger alarm is raised", size);
            return false;
        }
        Optional<String> problem = on.continuity().problemWith(size, root);
        if (problem.isPresent()) {
            alarm.inconsistent(problem.get());
            return false;
        }
        Checkpoint checkpoint = new Checkpoint(properties.origin(), size, root);
        String note = signer.sign(checkpoint);
        on.store().insertCheckpoint(size, root, note, clock.instant());
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

    /** The number of entries integrated so far (entries still pending have no index yet). */
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
