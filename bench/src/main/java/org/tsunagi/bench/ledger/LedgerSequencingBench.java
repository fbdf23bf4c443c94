package org.tsunagi.bench.ledger;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.ledger.LedgerEntry;
import org.tsunagi.gateway.ledger.LedgerEvent;
import org.tsunagi.gateway.ledger.LedgerIntegrator;
import org.tsunagi.gateway.ledger.LedgerProperties;
import org.tsunagi.routes.ledger.CheckpointSigner;
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
        for (int r = 0; r < repetitions; r++) {
            double raw = run(seconds, i -> rawInsert(jdbc, tx, sample));
            rawRates.add(raw);
            double appends = run(seconds, i -> tx.executeWithoutResult(
                    s -> ledger.append(SyntheticLedger.entry(2 * i, subjects),
                            SyntheticLedger.entry(2 * i + 1, subjects))));
            ledgerRates.add(appends);
            System.out.printf("run %d: raw INSERT %,.0f tx/s (%,.0f rows/s); ledger append %,.0f tx/s (%,.0f entries/s) = %.0f %%%n",
                    r + 1, raw, 2 * raw, appends, 2 * appends, 100 * appends / raw);
        }
        if (!ledger.awaitIntegrated(Duration.ofMinutes(5))) {
            throw new IllegalStateException("the integrator did not catch up within 5 minutes");
        }
        integrator.stop();
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
            System.out.printf("integrated %,d entries in %.2f s: %,.0f entries/s%n", done, seconds, done / seconds);
        }
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
        long have = ledger.size();
        if (have < entries - tail) {
            fillBySql(jdbc, tx, ledger, subjects, have, entries - tail);
        }
        if (ledger.size() == entries - tail) {
            buildLevels(jdbc, entries - tail);
        }
        have = ledger.size();
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
        SyntheticLedger.timeInclusionProofs(ledger, proofs, new Random(42), " on PostgreSQL");
    }

    /**
     * Entries [from, to) and every perfect subtree over them, by SQL in bulk: the leaves are canonical JSON the
     * gateway would write (a template from {@link DisclosureLedger#canonicalBytes} with the copy and message ids
     * varying), hashed as RFC 9162 does (SHA-256 of 0x00 || leaf; of 0x01 || left || right for nodes).
     */
    private static void fillBySql(JdbcTemplate jdbc, TransactionTemplate tx, DisclosureLedger ledger,
                                  SubjectKey subjects, long from, long to) {
        String template = new String(ledger.canonicalBytes(new LedgerEntry.Builder(LedgerEvent.DISCLOSED,
                        Instant.parse("2026-01-01T00:00:00Z")).messageId("m-@").messageType("ReleaseNotice")
                .copyId("copy-@").sender("facility-nagoya").recipient("231002").purpose("reintegration-support")
                .legalBasis("Recidivism Prevention Act art. 24").subject(subjects.reference("inmate-number", "N1"))
                .fields(List.of(new DisclosedField("ReleaseNotice/PlannedReleaseDate", "keep"),
                        new DisclosedField("ReleaseNotice/Person/BirthDate", "generalise:year")))
                .sealedSha256("0".repeat(64)).build()), StandardCharsets.UTF_8);
        System.out.printf("filling entries %,d to %,d by SQL (resumable: each chunk is one transaction) ...%n", from, to);
        long t0 = System.nanoTime();
        long chunk = 250_000;
        for (long a = from; a < to; a += chunk) {
            long first = a;
            long end = Math.min(to, a + chunk);
            tx.executeWithoutResult(s -> {
                jdbc.update("INSERT INTO ledger_entry (idx, leaf_hash, entry_json) SELECT i, sha256('\\x00'::bytea || "
                        + "convert_to(j, 'UTF8')), j FROM (SELECT i, replace(?, '@', i::text) AS j "
                        + "FROM generate_series(?::bigint, ?::bigint) i) t", template, first, end - 1);
                jdbc.update("INSERT INTO ledger_node (lvl, idx, hash) SELECT 0, idx, leaf_hash FROM ledger_entry "
                        + "WHERE idx >= ? AND idx < ?", first, end);
            });
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("  %,d entries (%.0f s, %,.0f entries/s)%n", end, seconds, (end - from) / seconds);
        }
        System.out.printf("filled %,d entries by SQL in %.0f s%n", to - from, (System.nanoTime() - t0) / 1e9);
    }

    /** Every perfect subtree over leaves [0, to), level by level (idempotent: a resumed run adds what is missing). */
    private static void buildLevels(JdbcTemplate jdbc, long to) {
        long t0 = System.nanoTime();
        for (int level = 1; (to >> level) > 0; level++) {
            jdbc.execute("ANALYZE ledger_node"); // the level below was just written: plan the join with its real size
            jdbc.update("INSERT INTO ledger_node (lvl, idx, hash) SELECT ?, l.idx / 2, sha256('\\x01'::bytea || l.hash || r.hash) "
                    + "FROM ledger_node l JOIN ledger_node r ON r.lvl = l.lvl AND r.idx = l.idx + 1 "
                    + "WHERE l.lvl = ? AND l.idx % 2 = 0 AND l.idx < ? ON CONFLICT DO NOTHING",
                    level, level - 1, to >> (level - 1));
        }
        jdbc.execute("ANALYZE");
        System.out.printf("built the tree's perfect subtrees over %,d leaves in %.0f s%n", to, (System.nanoTime() - t0) / 1e9);
    }
}
