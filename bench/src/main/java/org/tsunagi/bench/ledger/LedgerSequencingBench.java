package org.tsunagi.bench.ledger;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tsunagi.gateway.ledger.CopyText;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.ledger.LedgerEntry;
import org.tsunagi.gateway.ledger.LedgerEvent;
import org.tsunagi.gateway.ledger.LedgerIntegrator;
import org.tsunagi.gateway.ledger.LedgerProperties;
import org.tsunagi.gateway.ledger.SearchColumns;
import org.tsunagi.routes.ledger.CheckpointSigner;
import org.tsunagi.routes.ledger.MerkleFrontier;
import org.tsunagi.routes.ledger.MerkleHashes;
import org.tsunagi.routes.ledger.SubjectKey;
import org.tsunagi.routes.redaction.DisclosedField;

/**
 * The sequenced ledger on PostgreSQL, side by side in one run (bench/ledger-postgres.sh starts the server):
 *
 * <ul>
 *   <li>{@code appends}: durable appends/s with 8 concurrent writers in the pipeline's shape (one transaction, 2
 *       entries, through {@link DisclosureLedger#append}) while the real {@link LedgerIntegrator} sequences them,
 *       interleaved with raw INSERT/s of rows of the same size in the same shape (synchronous_commit on for both);
 *       and the integration delay the integrator measured.</li>
 *   <li>{@code proofs}: inclusion-proof latency p50/p99 at a given tree size. The tree is filled in bulk by SQL
 *       (leaf and node hashes with PostgreSQL's sha256, the same RFC 9162 tree), then the last entries go through
 *       the real append and integration path on top of it; every timed proof is verified against the root.</li>
 * </ul>
 *
 * <p>Arguments: appends JDBC_URL USER [seconds per run] [repetitions] | proofs JDBC_URL USER entries [proofs]
 */
public final class LedgerSequencingBench {

    private static final int WRITERS = 8;
    private static final Path KEYS = Files.isDirectory(Path.of("keys-example")) ? Path.of("keys-example")
            : Path.of("..", "keys-example");

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(args[1]);
            ds.setUsername(args[2]);
            ds.setMaximumPoolSize(WRITERS + 4);
            Flyway.configure().dataSource(ds).locations("classpath:db/migration/postgresql").load().migrate();
            if (mode.equals("integrate")) {
                integrate(ds, Integer.parseInt(args[3]));
            } else if (mode.equals("appends")) {
                appends(ds, args.length > 3 ? Integer.parseInt(args[3]) : 20, args.length > 4 ? Integer.parseInt(args[4]) : 3);
            } else {
                proofs(ds, Long.parseLong(args[3]), args.length > 4 ? Integer.parseInt(args[4]) : 20_000);
            }
        }
    }

    private static DisclosureLedger ledger(HikariDataSource ds, DataSourceTransactionManager transactions,
                                           long checkpointEvery) throws Exception {
        LedgerProperties properties = new LedgerProperties("tsunagi-gateway/ledger",
                KEYS.resolve("gateway/checkpoint-ed25519.pem").toString(), KEYS.resolve("gateway/subject-key.txt").toString(),
                (int) checkpointEvery, Duration.ofMinutes(1), 1000, LedgerProperties.Timestamping.none(), null,
                LedgerProperties.Integration.defaults());
        Path remembered = Files.createTempDirectory("ledger-bench").resolve("checkpoint.note");
        return DisclosureLedger.standalone(new JdbcTemplate(ds), transactions,
                CheckpointSigner.fromPem(properties.origin(), KEYS.resolve("gateway/checkpoint-ed25519.pem")),
                properties, remembered, new SimpleMeterRegistry());
    }

    // --- appends/s next to raw INSERT/s ---------------------------------------------------------------------------

    private static void appends(HikariDataSource ds, int seconds, int repetitions) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        System.out.println("synchronous_commit=" + jdbc.queryForObject("SHOW synchronous_commit", String.class)
                + " fsync=" + jdbc.queryForObject("SHOW fsync", String.class) + ", " + WRITERS + " writers, "
                + seconds + " s per run, " + Runtime.getRuntime().availableProcessors() + " cores");
        jdbc.execute("CREATE TABLE IF NOT EXISTS raw_insert (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                + " leaf_hash BYTEA NOT NULL, entry_json TEXT NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(ds);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        DisclosureLedger ledger = ledger(ds, transactions, 1000);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LedgerIntegrator integrator = LedgerIntegrator.standalone(ledger, ds, LedgerProperties.Integration.defaults(),
                meters);
        integrator.start();
        SubjectKey subjects = SubjectKey.fromFile(KEYS.resolve("gateway/subject-key.txt"));
        String sample = new String(ledger.canonicalBytes(SyntheticLedger.entry(1, subjects)), StandardCharsets.UTF_8);
        System.out.println("entry size " + sample.length() + " bytes of canonical JSON + 32-byte leaf hash");

        // Warm-up: JIT, connections.
        run(seconds / 4 + 1, i -> tx.executeWithoutResult(s -> ledger.append(SyntheticLedger.entry(2 * i, subjects),
                SyntheticLedger.entry(2 * i + 1, subjects))));
        run(seconds / 4 + 1, i -> rawInsert(jdbc, tx, sample));
        List<Double> ledgerRates = new ArrayList<>();
        List<Double> rawRates = new ArrayList<>();
        resetStatements(jdbc);
        System.out.println("measuring; " + load());
        for (int r = 0; r < repetitions; r++) {
            double raw = run(seconds, i -> rawInsert(jdbc, tx, sample));
            rawRates.add(raw);
            double appends = run(seconds, i -> tx.executeWithoutResult(
                    s -> ledger.append(SyntheticLedger.entry(2 * i, subjects),
                            SyntheticLedger.entry(2 * i + 1, subjects))));
            ledgerRates.add(appends);
            System.out.printf("run %d: raw INSERT %,.0f tx/s (%,.0f rows/s); ledger append %,.0f tx/s (%,.0f entries/s) = %.0f %%; %s%n",
                    r + 1, raw, 2 * raw, appends, 2 * appends, 100 * appends / raw, load());
        }
        long backlogAtEnd = jdbc.queryForObject("SELECT COUNT(*) FROM ledger_pending", Long.class);
        long caughtUp = System.nanoTime();
        if (!ledger.awaitIntegrated(Duration.ofMinutes(5))) {
            throw new IllegalStateException("the integrator did not catch up within 5 minutes");
        }
        System.out.printf("pending when the writers stopped: %,d entries, integrated %.1f s later%n", backlogAtEnd,
                (System.nanoTime() - caughtUp) / 1e9);
        integrator.stop();
        topStatements(jdbc, "server time over the measured runs");
        double raw = median(rawRates);
        double appends = median(ledgerRates);
        Timer delay = meters.get("tsunagi.ledger.integration.delay").timer();
        double p50 = 0;
        double p99 = 0;
        for (ValueAtPercentile v : delay.takeSnapshot().percentileValues()) {
            if (v.percentile() == 0.5) {
                p50 = v.value(TimeUnit.MILLISECONDS);
            } else if (v.percentile() == 0.99) {
                p99 = v.value(TimeUnit.MILLISECONDS);
            }
        }
        long size = ledger.size();
        System.out.printf("%nmedian of %d: raw INSERT %,.0f tx/s; ledger append %,.0f tx/s = %,.0f entries/s = %.0f %% of raw%n",
                repetitions, raw, appends, 2 * appends, 100 * appends / raw);
        System.out.printf("integration delay over %,d entries: p50 %.1f ms, p99 %.1f ms, max %.1f ms; ledger size %,d, gap-free: %s%n",
                delay.count(), p50, p99, delay.max(TimeUnit.MILLISECONDS), size,
                jdbc.queryForObject("SELECT COUNT(*) = MAX(idx) + 1 FROM ledger_entry", Boolean.class));
    }

    /** The integrator's throughput alone: {@code n} entries written first, then integrated in batches. */
    private static void integrate(HikariDataSource ds, int n) throws Exception {
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(ds);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        DisclosureLedger ledger = ledger(ds, transactions, 1000);
        SubjectKey subjects = SubjectKey.fromFile(KEYS.resolve("gateway/subject-key.txt"));
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        resetStatements(jdbc);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < n; i += 100) {
                int first = round * n + i;
                tx.executeWithoutResult(s -> {
                    List<LedgerEntry> chunk = new ArrayList<>();
                    for (int k = first; k < first + 100; k++) {
                        chunk.add(SyntheticLedger.entry(k, subjects));
                    }
                    ledger.append(chunk);
                });
            }
            long t0 = System.nanoTime();
            long done = ledger.integrateNow();
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("integrated %,d entries in %.2f s: %,.0f entries/s; %s%n", done, seconds, done / seconds,
                    load());
        }
        topStatements(jdbc, "server time of the writes and the integration");
    }

    private static void rawInsert(JdbcTemplate jdbc, TransactionTemplate tx, String json) {
        byte[] leaf = MerkleHashes.leaf(json.getBytes(StandardCharsets.UTF_8));
        java.sql.Timestamp now = java.sql.Timestamp.from(Instant.now());
        tx.executeWithoutResult(s -> jdbc.batchUpdate(
                "INSERT INTO raw_insert (leaf_hash, entry_json, created_at) VALUES (?, ?, ?)",
                List.of(new Object[] {leaf, json, now}, new Object[] {leaf, json, now})));
    }

    interface Work {
        void run(long i) throws Exception;
    }

    /** Transactions per second of {@code WRITERS} threads doing {@code work} for {@code seconds}. */
    private static double run(int seconds, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Long>> counts = new ArrayList<>();
        long base = System.nanoTime() % 1_000_000_000L * 1000;
        for (int w = 0; w < WRITERS; w++) {
            long offset = base + w * 100_000_000L;
            counts.add(pool.submit(() -> {
                long n = 0;
                while (!stop.get()) {
                    work.run(offset + n);
                    n++;
                }
                return n;
            }));
        }
        long started = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        long total = 0;
        for (Future<Long> f : counts) {
            total += f.get();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        return total / elapsed;
    }

    /** The machine's load average (1, 5, 15 min) as the kernel reports it: the benchmarks share the machine. */
    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return "load average " + parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "load average unknown";
        }
    }

    /** The statements that took the server's time (pg_stat_statements, when the server preloads it). */
    private static void topStatements(JdbcTemplate jdbc, String title) {
        try {
            System.out.println(title + " (pg_stat_statements, by total execution time):");
            jdbc.query("SELECT total_exec_time, calls, rows, regexp_replace(query, '\\s+', ' ', 'g') FROM"
                    + " pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                    + " ORDER BY total_exec_time DESC LIMIT 8", rs -> {
                        String query = rs.getString(4);
                        System.out.printf("  %,10.0f ms %,9d calls %,10d rows  %s%n", rs.getDouble(1), rs.getLong(2),
                                rs.getLong(3), query.length() > 110 ? query.substring(0, 110) + "..." : query);
                    });
        } catch (org.springframework.dao.DataAccessException e) {
            System.out.println("  (pg_stat_statements not loaded: " + e.getMostSpecificCause().getMessage() + ")");
        }
    }

    private static void resetStatements(JdbcTemplate jdbc) {
        try {
            jdbc.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            jdbc.queryForList("SELECT pg_stat_statements_reset()");
        } catch (org.springframework.dao.DataAccessException e) {
            // Not preloaded: the run goes on without the statement profile.
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    // --- proofs at a large tree size ------------------------------------------------------------------------------

    private static void proofs(HikariDataSource ds, long entries, int proofs) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(ds);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        DisclosureLedger ledger = ledger(ds, transactions, 1_000_000_000);
        SubjectKey subjects = SubjectKey.fromFile(KEYS.resolve("gateway/subject-key.txt"));
        long tail = Math.min(10_000, entries / 10);
        if (ledger.size() != 0) {
            throw new IllegalStateException("the proofs benchmark needs an empty ledger");
        }
        fillByCopy(ds, jdbc, ledger, subjects, entries - tail);
        long have = ledger.size();
        if (have < entries) {
            long t0 = System.nanoTime();
            for (long next = have; next < entries; next += 1000) {
                List<LedgerEntry> chunk = new ArrayList<>();
                for (long i = next; i < Math.min(entries, next + 1000); i++) {
                    chunk.add(SyntheticLedger.entry(i, subjects));
                }
                tx.executeWithoutResult(s -> ledger.append(chunk));
                ledger.integrateNow();
            }
            System.out.printf("appended and integrated the last %,d entries through the ledger in %.1f s%n",
                    entries - have, (System.nanoTime() - t0) / 1e9);
        }
        System.out.println("before the proofs: " + load() + "; database size "
                + jdbc.queryForObject("SELECT pg_size_pretty(pg_database_size(current_database()))", String.class));
        resetStatements(jdbc);
        SyntheticLedger.timeInclusionProofs(ledger, proofs, new Random(42), " on PostgreSQL");
        System.out.println("after the proofs: " + load());
        topStatements(jdbc, "server time of the proofs and their checks");
    }

    /**
     * Entries [0, to) and every perfect subtree over them, as a bulk load: entry {@code i} is
     * {@link SyntheticLedger#entry} as {@link BulkEntries} writes it (its canonical bytes and search columns, checked
     * against the ledger's own), exactly what the integrator would store; the nodes come from a {@link MerkleFrontier}
     * fed the same leaves. Both tables are streamed with PostgreSQL COPY (two connections at once), one transaction per
     * {@code COPY_CHUNK} entries, with ledger_entry's secondary indexes dropped first and then re-created from the
     * definitions the migrations gave them (pg_indexes), the standard bulk load.
     */
    private static void fillByCopy(HikariDataSource ds, JdbcTemplate jdbc, DisclosureLedger ledger, SubjectKey subjects,
                                   long to) throws Exception {
        List<String[]> indexes = jdbc.query("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'ledger_entry'"
                + " AND indexname <> 'ledger_entry_pkey' ORDER BY indexname", (rs, n) -> new String[] {rs.getString(1),
                rs.getString(2)});
        for (String[] index : indexes) {
            jdbc.execute("DROP INDEX " + index[0]);
        }
        System.out.printf("bulk load of %,d entries by COPY; secondary indexes dropped for the load: %s; %s%n", to,
                indexes.stream().map(i -> i[0]).toList(), load());
        BulkEntries bulk = new BulkEntries(ledger, subjects);
        long t0 = System.nanoTime();
        MerkleFrontier frontier = new MerkleFrontier();
        StringBuilder entries = new StringBuilder(COPY_CHUNK * 900);
        StringBuilder nodes = new StringBuilder(COPY_CHUNK * 2 * 90);
        try (Connection entryConnection = ds.getConnection(); Connection nodeConnection = ds.getConnection()) {
            CopyManager entryCopy = entryConnection.unwrap(PGConnection.class).getCopyAPI();
            CopyManager nodeCopy = nodeConnection.unwrap(PGConnection.class).getCopyAPI();
            ExecutorService copier = Executors.newFixedThreadPool(2);
            try {
                Future<?> pendingEntries = null;
                Future<?> pendingNodes = null;
                for (long first = 0; first < to; first += COPY_CHUNK) {
                    long end = Math.min(to, first + COPY_CHUNK);
                    entries.setLength(0);
                    nodes.setLength(0);
                    for (long i = first; i < end; i++) {
                        BulkEntries.Bulk entry = bulk.entry(i);
                        byte[] leaf = MerkleHashes.leaf(entry.json().getBytes(StandardCharsets.UTF_8));
                        SearchColumns c = entry.columns();
                        entries.append(i).append('\t');
                        CopyText.bytes(entries, leaf).append('\t');
                        CopyText.text(entries, entry.json()).append('\t');
                        CopyText.text(entries, c.event()).append('\t');
                        CopyText.text(entries, c.time() == null ? null : c.time().toString()).append('\t');
                        CopyText.text(entries, c.messageId()).append('\t');
                        CopyText.text(entries, c.copyId()).append('\t');
                        CopyText.text(entries, c.sender()).append('\t');
                        CopyText.text(entries, c.recipient()).append('\t');
                        CopyText.text(entries, c.purpose()).append('\t');
                        CopyText.text(entries, c.subject()).append('\n');
                        for (MerkleFrontier.StoredNode node : frontier.append(leaf)) {
                            nodes.append(node.node().level()).append('\t').append(node.node().index()).append('\t');
                            CopyText.bytes(nodes, node.hash()).append('\n');
                        }
                    }
                    // The previous chunk's COPYs must be done before their buffers are reused.
                    await(pendingEntries);
                    await(pendingNodes);
                    byte[] entryRows = entries.toString().getBytes(StandardCharsets.UTF_8);
                    byte[] nodeRows = nodes.toString().getBytes(StandardCharsets.UTF_8);
                    pendingEntries = copier.submit(() -> copy(entryCopy, "COPY ledger_entry (idx, leaf_hash, entry_json,"
                            + " event, recorded_at, message_id, copy_id, sender, recipient, purpose, subject_ref) FROM STDIN",
                            entryRows));
                    pendingNodes = copier.submit(() -> copy(nodeCopy, "COPY ledger_node (lvl, idx, hash) FROM STDIN",
                            nodeRows));
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    if ((end / COPY_CHUNK) % 5 == 0 || end == to) {
                        System.out.printf("  %,d entries generated (%.0f s, %,.0f entries/s); %s%n", end, seconds,
                                end / seconds, load());
                    }
                }
                await(pendingEntries);
                await(pendingNodes);
            } finally {
                copier.shutdown();
            }
        }
        double loaded = (System.nanoTime() - t0) / 1e9;
        System.out.printf("loaded %,d entries and %,d nodes by COPY in %.0f s (%,.0f entries/s)%n", to,
                jdbc.queryForObject("SELECT COUNT(*) FROM ledger_node", Long.class), loaded, to / loaded);
        long t1 = System.nanoTime();
        jdbc.execute("SET maintenance_work_mem = '256MB'");
        for (String[] index : indexes) {
            long ti = System.nanoTime();
            jdbc.execute(index[1]);
            System.out.printf("  %s in %.0f s%n", index[1], (System.nanoTime() - ti) / 1e9);
        }
        jdbc.execute("ANALYZE");
        System.out.printf("re-created %d indexes and analysed in %.0f s; fill total %.0f s%n", indexes.size(),
                (System.nanoTime() - t1) / 1e9, (System.nanoTime() - t0) / 1e9);
    }

    /** Rows per COPY (one transaction each): bounded memory, and a failed chunk is visible at once. */
    private static final int COPY_CHUNK = 250_000;

    private static Void copy(CopyManager copy, String sql, byte[] rows) throws Exception {
        copy.copyIn(sql, new java.io.ByteArrayInputStream(rows), 1 << 16);
        return null;
    }

    private static void await(Future<?> copy) throws Exception {
        if (copy != null) {
            copy.get();
        }
    }
}
