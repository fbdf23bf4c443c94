package org.tsunagi.bench.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flywaydb.core.Flyway;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.ledger.LedgerEntry;
import org.tsunagi.gateway.ledger.LedgerProperties;
import org.tsunagi.routes.ledger.CheckpointSigner;
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
                    chunk.add(SyntheticLedger.entry(i, subjects));
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
        Random random = new Random(42);
        SyntheticLedger.timeInclusionProofs(ledger, proofs, random, "");
        long size = ledger.size();
        long t0 = System.nanoTime();
        int consistencies = 2_000;
        for (int i = 0; i < consistencies; i++) {
            ledger.consistencyProof(1 + Math.floorMod(random.nextLong(), size - 1), size);
        }
        System.out.printf("consistency proof latency: mean %.3f ms%n", (System.nanoTime() - t0) / 1e6 / consistencies);
        ds.close();
    }
}
