package org.tsunagi.bench.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.flywaydb.core.Flyway;
import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tsunagi.routes.redaction.DisclosedField;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.ledger.LedgerEntry;
import org.tsunagi.gateway.ledger.LedgerEvent;
import org.tsunagi.gateway.ledger.LedgerProperties;
import org.tsunagi.routes.ledger.CheckpointSigner;
import org.tsunagi.routes.ledger.InclusionProof;
import org.tsunagi.routes.ledger.SubjectKey;

/**
 * Inclusion-proof latency on a large ledger in the gateway's embedded database (H2 file, as run by default).
 * Fills the ledger through the real append path in large transactions (once; the database file is reused),
 * then times random inclusion proofs at the full tree size and checks every proof against the root.
 *
 * <p>Arguments: [entries (default 1000000)] [database directory (default bench/target/ledger-bench)] [proofs (default 20000)]
 */
public final class LedgerProofBench {

    public static void main(String[] args) throws Exception {
        long entries = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/ledger-bench");
        int proofs = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        Path keys = Files.isDirectory(Path.of("keys-example")) ? Path.of("keys-example") : Path.of("..", "keys-example");

        // A connection pool, as the gateway has (Spring Boot's Hikari): without one, H2 closes the file per query.
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl("jdbc:h2:file:" + dir.toAbsolutePath().resolve("ledger-" + entries)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000");
        ds.setUsername("sa");
        ds.setMaximumPoolSize(2);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/h2").load().migrate();

        JdbcTemplate jdbc = new JdbcTemplate(ds);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(ds);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        LedgerProperties properties = new LedgerProperties("tsunagi-gateway/ledger",
                keys.resolve("gateway/checkpoint-ed25519.pem").toString(), keys.resolve("gateway/subject-key.txt").toString(),
                100_000, Duration.ofMinutes(1), 1000, LedgerProperties.Timestamping.none(), null,
                LedgerProperties.Integration.defaults());
        DisclosureLedger ledger = DisclosureLedger.standalone(jdbc, transactions,
                CheckpointSigner.fromPem(properties.origin(), keys.resolve("gateway/checkpoint-ed25519.pem")), properties,
                dir.toAbsolutePath().resolve("ledger-" + entries + ".checkpoint.note"),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        SubjectKey subjects = SubjectKey.fromFile(keys.resolve("gateway/subject-key.txt"));

        long have = ledger.size();
        if (have < entries) {
            System.out.printf("filling the ledger from %,d to %,d entries through DisclosureLedger.append ...%n", have, entries);
            long started = System.nanoTime();
            int batch = 10_000;
            for (long next = have; next < entries; next += batch) {
                List<LedgerEntry> chunk = new ArrayList<>(batch);
                for (long i = next; i < Math.min(entries, next + batch); i++) {
                    chunk.add(entry(i, subjects));
                }
                tx.executeWithoutResult(s -> ledger.append(chunk));
                ledger.integrateNow();
                if ((next / batch) % 10 == 0) {
                    System.out.printf("  %,d entries%n", next + chunk.size());
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("filled %,d entries in %.1f s (%,.0f entries/s)%n", entries - have, seconds, (entries - have) / seconds);
        }
        long size = ledger.size();
        byte[] root = ledger.rootHash(size);

        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            ledger.inclusionProof(Math.floorMod(random.nextLong(), size), size); // warm-up: JIT and page cache
        }
        long[] nanos = new long[proofs];
        long[] indices = new long[proofs];
        List<InclusionProof> results = new ArrayList<>(proofs);
        for (int i = 0; i < proofs; i++) {
            indices[i] = Math.floorMod(random.nextLong(), size);
            long t0 = System.nanoTime();
            results.add(ledger.inclusionProof(indices[i], size));
            nanos[i] = System.nanoTime() - t0;
        }
        for (int i = 0; i < proofs; i++) {
            byte[] leaf = ledger.entries(indices[i], indices[i] + 1).get(0).leafHash();
            if (!results.get(i).verify(leaf, root)) {
                throw new IllegalStateException("proof for entry " + indices[i] + " does not verify");
            }
        }
        Arrays.sort(nanos);
        System.out.printf("ledger size %,d: %,d random inclusion proofs (%d hashes each), all verified against the root%n",
                size, proofs, results.get(0).hashes().size());
        System.out.printf("inclusion proof latency: mean %.3f ms, p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                Arrays.stream(nanos).average().orElse(0) / 1e6, nanos[proofs / 2] / 1e6, nanos[(int) (proofs * 0.99)] / 1e6,
                nanos[proofs - 1] / 1e6);
        long t0 = System.nanoTime();
        int consistencies = 2_000;
        for (int i = 0; i < consistencies; i++) {
            ledger.consistencyProof(1 + Math.floorMod(random.nextLong(), size - 1), size);
        }
        System.out.printf("consistency proof latency: mean %.3f ms%n", (System.nanoTime() - t0) / 1e6 / consistencies);
        ds.close();
    }

    private static LedgerEntry entry(long i, SubjectKey subjects) {
        return new LedgerEntry.Builder(LedgerEvent.DISCLOSED, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i))
                .messageId(new UUID(0x6b1f7c2e00004000L, 0x8000000000000000L | i).toString()).messageType("ReleaseNotice")
                .copyId("copy-" + i)
                .sender("facility-nagoya").recipient(i % 2 == 0 ? "231002" : "230006")
                .purpose("reintegration-support").legalBasis("Recidivism Prevention Act art. 24")
                .subject(subjects.reference("inmate-number", "N" + (i % 50_000)))
                .fields(List.of(new DisclosedField("ReleaseNotice/PlannedReleaseDate", "keep"),
                        new DisclosedField("ReleaseNotice/Person/BirthDate", "generalise:year")))
                .sealedSha256(String.format("%064x", i)).build();
    }
}
