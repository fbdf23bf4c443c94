package org.tsunagi.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.support.TransactionTemplate;
import org.tsunagi.routes.ledger.CanonicalJson;
import org.tsunagi.routes.ledger.Checkpoint;
import org.tsunagi.routes.ledger.CheckpointSigner;
import org.tsunagi.routes.ledger.CheckpointVerifier;
import org.tsunagi.routes.ledger.MerkleFrontier;
import org.tsunagi.routes.ledger.MerkleHashes;
import org.tsunagi.routes.ledger.SubjectReference;
import org.tsunagi.routes.redaction.DisclosedField;

/** The ledger store's behaviour, run against H2 and against a real PostgreSQL server. */
abstract class LedgerStoreContract {

    static final Path KEYS = Path.of("..", "keys-example", "gateway");
    static final String SUBJECT = "a".repeat(64);

    private AnnotationConfigApplicationContext context;
    DisclosureLedger ledger;
    JdbcTemplate jdbc;
    TransactionTemplate tx;

    abstract DataSource dataSource();

    abstract boolean guardsTruncate();

    @Configuration
    @EnableTransactionManagement
    static class LedgerContext {
        @Bean
        JdbcTemplate jdbcTemplate(DataSource ds) {
            return new JdbcTemplate(ds);
        }

        @Bean
        PlatformTransactionManager transactionManager(DataSource ds) {
            return new DataSourceTransactionManager(ds);
        }

        @Bean
        CheckpointSigner checkpointSigner() throws Exception {
            return CheckpointSigner.fromPem("tsunagi-gateway/ledger", KEYS.resolve("checkpoint-ed25519.pem"));
        }

        @Bean
        LedgerProperties ledgerProperties() {
            return new LedgerProperties("tsunagi-gateway/ledger", KEYS.resolve("checkpoint-ed25519.pem").toString(),
                    KEYS.resolve("subject-key.txt").toString(), 5, Duration.ofMinutes(1), 1000,
                    LedgerProperties.Timestamping.none(), null, LedgerProperties.Integration.defaults());
        }

        @Bean
        LedgerAlarm ledgerAlarm() {
            return new LedgerAlarm(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), false);
        }

        @Bean
        RememberedCheckpoint rememberedCheckpoint(CheckpointSigner signer) throws Exception {
            return new RememberedCheckpoint(java.nio.file.Files.createTempDirectory("ledger-remembered")
                    .resolve("checkpoint.note"), CheckpointVerifier.fromVerifierKey(signer.verifierKey()));
        }

        @Bean
        DisclosureLedger disclosureLedger(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                          CheckpointSigner signer, LedgerProperties properties,
                                          RememberedCheckpoint remembered, LedgerAlarm alarm) {
            return new DisclosureLedger(jdbc, transactions, signer, properties, remembered, alarm,
                    java.time.Clock.systemUTC());
        }
    }

    @BeforeEach
    void start() {
        context = new AnnotationConfigApplicationContext();
        context.registerBean(DataSource.class, this::dataSource);
        context.register(LedgerContext.class);
        context.refresh();
        ledger = context.getBean(DisclosureLedger.class);
        jdbc = context.getBean(JdbcTemplate.class);
        tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
    }

    @AfterEach
    void stop() {
        context.close();
    }

    static LedgerEntry disclosure(int n) {
        return new LedgerEntry.Builder(LedgerEvent.DISCLOSED, Instant.parse("2026-04-01T09:00:00.123456Z").plusSeconds(n))
                .messageId("2f1c6f0e-0000-4000-8000-" + String.format("%012d", n)).messageType("ReleaseNotice")
                .copyId("copy-" + n)
                .sender("facility-nagoya").recipient("231002")
                .purpose("reintegration-support").legalBasis("Act on the Prevention of Recidivism, Art. 24")
                .subject(new SubjectReference(SUBJECT))
                .fields(List.of(new DisclosedField("ReleaseNotice/PlannedReleaseDate", "keep"),
                        new DisclosedField("ReleaseNotice/Person/BirthDate", "generalise:year")))
                .sealedSha256("0".repeat(63) + (n % 10)).build();
    }

    @Test
    void entriesAreCanonicalJsonWithAbsentFieldsLeftOut() {
        LedgerEntry refused = new LedgerEntry.Builder(LedgerEvent.REFUSED, Instant.parse("2026-04-01T09:00:00Z"))
                .messageId("m-1").messageType("ReleaseNotice").sender("facility-nagoya").recipient("252018").reason("no-agreement")
                .details(Map.of("policy", "none", "retries", 0)).build();
        ledger.append(refused);
        ledger.integrateNow();
        StoredEntry stored = ledger.entries(0, 1).get(0);
        assertThat(stored.canonicalJson()).isEqualTo("{\"details\":{\"policy\":\"none\",\"retries\":0},\"event\":\"REFUSED\","
                + "\"messageId\":\"m-1\",\"messageType\":\"ReleaseNotice\",\"reason\":\"no-agreement\",\"recipient\":\"252018\","
                + "\"sender\":\"facility-nagoya\",\"time\":\"2026-04-01T09:00:00Z\"}");
        assertThat(stored.leafHash()).isEqualTo(MerkleHashes.leaf(stored.canonicalJson().getBytes(StandardCharsets.UTF_8)));
        assertThat(CanonicalJson.canonicalize(stored.canonicalJson()))
                .isEqualTo(stored.canonicalJson().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSearchColumnsAreWrittenFromTheEntryAndFindIt() {
        // A value with a quote, a backslash and a tab: escaped in the JSON, and again in PostgreSQL's COPY text.
        LedgerEntry refused = new LedgerEntry.Builder(LedgerEvent.REFUSED, Instant.parse("2026-04-01T09:00:00Z"))
                .messageId("m-1").sender("facility-nagoya").recipient("252018").reason("no-agreement")
                .actor("a \"quoted\" \\ name\twith a tab").build();
        LedgerEntry disclosed = disclosure(3);
        ledger.append(refused, disclosed);
        ledger.integrateNow();
        List<StoredEntry> stored = ledger.entries(0, 2);
        assertThat(stored.get(0).canonicalJson()).isEqualTo(new String(ledger.canonicalBytes(refused),
                StandardCharsets.UTF_8)).contains("\\\"quoted\\\" \\\\ name\\twith");
        assertThat(stored.get(0).leafHash()).isEqualTo(MerkleHashes.leaf(ledger.canonicalBytes(refused)));
        assertThat(stored.get(0).columns()).isEqualTo(SearchColumns.of(refused))
                .isEqualTo(new SearchColumns("REFUSED", Instant.parse("2026-04-01T09:00:00Z"), "m-1", null,
                        "facility-nagoya", "252018", null, null));
        assertThat(stored.get(1).columns()).isEqualTo(SearchColumns.of(disclosed))
                .isEqualTo(SearchColumns.fromJson(stored.get(1).canonicalJson()));
        assertThat(stored.get(1).columns().time()).isEqualTo(Instant.parse("2026-04-01T09:00:03.123Z"));
        assertThat(ledger.search(new EntryFilter(new SubjectReference(SUBJECT), "facility-nagoya", "231002",
                "reintegration-support", java.util.Set.of(LedgerEvent.DISCLOSED), Instant.parse("2026-04-01T09:00:03.123Z"),
                Instant.parse("2026-04-01T09:00:03.124Z")), -1, 10)).extracting(StoredEntry::index).containsExactly(1L);
        assertThat(ledger.copyEntries("copy-3", "231002", 10)).extracting(StoredEntry::index).containsExactly(1L);
        assertThat(ledger.search(new EntryFilter(null, null, "252018", null, null, null, null), -1, 10))
                .extracting(StoredEntry::index).containsExactly(0L);
    }

    @Test
    void appendsAreGapFreeAndProofsVerifyAgainstTheRecomputedRoot() {
        ledger.append(disclosure(0), disclosure(1), disclosure(2));
        ledger.append(List.of(disclosure(3), disclosure(4)));
        assertThat(ledger.size()).as("unsequenced until integrated").isZero();
        assertThat(ledger.integrateNow()).isEqualTo(5);
        for (int i = 5; i < 23; i++) {
            ledger.append(disclosure(i));
            if (i % 7 == 0) {
                ledger.integrateNow();
            }
        }
        ledger.integrateNow();
        List<StoredEntry> entries = ledger.entries(0, 100);
        assertThat(entries).extracting(StoredEntry::index).containsExactlyElementsOf(range(23));
        // Integrated in the order they were written (one writer: commit order is id order).
        for (int i = 0; i < 23; i++) {
            assertThat(entries.get(i).canonicalJson()).contains("\"copyId\":\"copy-" + i + "\"");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_pending", Integer.class)).isZero();
        for (long size = 1; size <= 23; size++) {
            byte[] root = naiveRoot(entries.subList(0, (int) size));
            assertThat(ledger.rootHash(size)).isEqualTo(root);
            for (long i = 0; i < size; i++) {
                assertThat(ledger.inclusionProof(i, size).verify(entries.get((int) i).leafHash(), root)).isTrue();
            }
            assertThat(ledger.consistencyProof(size, 23).verify(root, naiveRoot(entries))).isTrue();
        }
        assertThatThrownBy(() -> ledger.inclusionProof(0, 24)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void appendJoinsTheCallersTransaction() {
        jdbc.execute("CREATE TABLE outbox_probe (id INT PRIMARY KEY)");
        tx.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO outbox_probe (id) VALUES (1)");
            ledger.append(disclosure(0));
            status.setRollbackOnly();
        });
        ledger.integrateNow();
        assertThat(ledger.size()).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_probe", Integer.class)).isZero();

        tx.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO outbox_probe (id) VALUES (2)");
            ledger.append(disclosure(1));
        });
        assertThat(ledger.size()).as("written, not integrated yet").isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_pending", Integer.class)).isEqualTo(1);
        ledger.integrateNow();
        assertThat(ledger.size()).isEqualTo(1);
        assertThat(ledger.entries(0, 1).get(0).canonicalJson()).contains("copy-1");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_pending", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_probe", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_node", Integer.class)).isEqualTo(1);
    }

    @Test
    void concurrentAppendsStayGapFreeWithRollbacks() throws Exception {
        int threads = 6;
        int perThread = 15;
        LedgerIntegrator integrator = integrator("integrator-under-test");
        integrator.start();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<String>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                List<String> committed = new ArrayList<>();
                Random random = new Random(thread);
                for (int i = 0; i < perThread; i++) {
                    boolean rollBack = i % 4 == 3;
                    int count = 1 + random.nextInt(3);
                    List<String> copies = new ArrayList<>();
                    int first = thread * 1000 + i * 10;
                    tx.executeWithoutResult(status -> {
                        List<LedgerEntry> batch = new ArrayList<>();
                        for (int k = 0; k < count; k++) {
                            batch.add(disclosure(first + k));
                            copies.add("copy-" + (first + k));
                        }
                        ledger.append(batch);
                        if (rollBack) {
                            status.setRollbackOnly();
                        }
                    });
                    if (!rollBack) {
                        committed.addAll(copies);
                    }
                }
                return committed;
            }));
        }
        List<String> all = new ArrayList<>();
        for (Future<List<String>> f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();
        integrator.stop(); // integrates what is left before it ends
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_pending", Integer.class)).isZero();
        long size = ledger.size();
        assertThat(size).isEqualTo(all.size());
        List<StoredEntry> entries = ledger.entries(0, size);
        assertThat(entries).extracting(StoredEntry::index).containsExactlyElementsOf(range(size));
        // Exactly the committed entries, each once: nothing from a rolled-back writer, nothing twice.
        assertThat(entries).extracting(e -> e.canonicalJson().replaceAll(".*\"copyId\":\"(copy-[0-9]+)\".*", "$1"))
                .containsExactlyInAnyOrderElementsOf(all);
        byte[] root = naiveRoot(entries);
        assertThat(ledger.rootHash(size)).isEqualTo(root);
        for (StoredEntry e : entries) {
            assertThat(ledger.inclusionProof(e.index(), size).verify(e.leafHash(), root)).isTrue();
        }
        // Every stored node is the one the entries imply: no node from a rolled-back append survived.
        MerkleFrontier frontier = new MerkleFrontier();
        int nodes = 0;
        for (StoredEntry e : entries) {
            nodes += frontier.append(e.leafHash()).size();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_node", Integer.class)).isEqualTo(nodes);
    }

    @Test
    void theIntegratorIndexesCommittedEntriesOnItsOwnAndMeasuresTheDelay() throws InterruptedException {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LedgerIntegrator integrator = integrator("integrator-on-its-own", meters, LedgerProperties.Integration.defaults());
        integrator.start();
        try {
            tx.executeWithoutResult(status -> ledger.append(disclosure(0), disclosure(1)));
            assertThat(ledger.awaitIntegrated(Duration.ofSeconds(10))).isTrue();
            assertThat(ledger.size()).isEqualTo(2);
            // The integrator records the delay once its batch has committed, a moment after readers see the entries.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (meters.get("tsunagi.ledger.integration.delay").timer().count() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(meters.get("tsunagi.ledger.integration.delay").timer().count()).isEqualTo(2);
            assertThat(integrator.integrating()).isTrue();
        } finally {
            integrator.stop();
        }
        assertThat(integrator.integrating()).isFalse();
    }

    @Test
    void checkpointsAreSignedEveryNEntriesAndOnDemand() throws Exception {
        for (int i = 0; i < 12; i++) {
            ledger.append(disclosure(i));
            ledger.integrateNow();
        }
        assertThat(jdbc.queryForList("SELECT tree_size FROM ledger_checkpoint ORDER BY tree_size", Long.class))
                .containsExactly(5L, 10L);
        assertThat(ledger.checkpointIfBehind()).isTrue();
        assertThat(ledger.checkpointIfBehind()).isFalse();
        CheckpointVerifier verifier = CheckpointVerifier.fromPem(KEYS.resolve("checkpoint-ed25519.pub.pem"), null);
        Checkpoint latest = verifier.verify(ledger.latestCheckpoint().orElseThrow());
        assertThat(latest.treeSize()).isEqualTo(12);
        assertThat(latest.rootHash()).isEqualTo(naiveRoot(ledger.entries(0, 12)));
        assertThat(latest.origin()).isEqualTo("tsunagi-gateway/ledger");
    }

    @Test
    void theDatabaseRefusesUpdateAndDeleteOnEveryLedgerTable() {
        ledger.append(disclosure(0), disclosure(1));
        ledger.integrateNow();
        ledger.checkpointIfBehind();
        ledger.append(disclosure(2)); // pending: may be deleted by the integrator, never updated
        assertThatThrownBy(() -> jdbc.update("UPDATE ledger_pending SET entry_json = '{}'")).isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("append-only");
        String before = ledger.entries(0, 2).get(1).canonicalJson();
        for (String sql : List.of(
                "UPDATE ledger_entry SET entry_json = '{}' WHERE idx = 1",
                "DELETE FROM ledger_entry WHERE idx = 1",
                "UPDATE ledger_node SET hash = hash",
                "DELETE FROM ledger_node",
                "UPDATE ledger_checkpoint SET note = 'x'",
                "DELETE FROM ledger_checkpoint",
                "UPDATE ledger_lock SET id = 1",
                "DELETE FROM ledger_lock")) {
            assertThatThrownBy(() -> jdbc.update(sql)).as(sql).isInstanceOf(DataAccessException.class)
                    .hasStackTraceContaining("append-only");
        }
        if (guardsTruncate()) {
            for (String table : List.of("ledger_entry", "ledger_node", "ledger_checkpoint", "ledger_lock", "ledger_pending")) {
                assertThatThrownBy(() -> jdbc.execute("TRUNCATE " + table)).isInstanceOf(DataAccessException.class)
                        .hasStackTraceContaining("append-only");
            }
        }
        // The search columns are written once by the integrator (V120): the append-only guard refuses to set them.
        for (String column : List.of("event", "recorded_at", "message_id", "copy_id", "sender", "recipient", "purpose",
                "subject_ref")) {
            String value = column.equals("recorded_at") ? "CURRENT_TIMESTAMP" : "'252018'";
            assertThatThrownBy(() -> jdbc.update("UPDATE ledger_entry SET " + column + " = " + value + " WHERE idx = 1"))
                    .as(column).isInstanceOf(DataAccessException.class).hasStackTraceContaining("append-only");
        }
        assertThat(ledger.size()).isEqualTo(2);
        assertThat(ledger.entries(0, 2).get(1).canonicalJson()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_node", Integer.class)).isEqualTo(3);
        assertThat(ledger.latestCheckpoint()).isPresent();
    }

    LedgerIntegrator integrator(String name) {
        return integrator(name, new SimpleMeterRegistry(), LedgerProperties.Integration.defaults());
    }

    LedgerIntegrator integrator(String name, SimpleMeterRegistry meters, LedgerProperties.Integration settings) {
        return new LedgerIntegrator(ledger, context.getBean(DataSource.class), settings, meters,
                java.time.Clock.systemUTC(), name);
    }

    static List<Long> range(long n) {
        List<Long> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    static byte[] naiveRoot(List<StoredEntry> entries) {
        if (entries.size() == 1) {
            return MerkleHashes.leaf(entries.get(0).canonicalJson().getBytes(StandardCharsets.UTF_8));
        }
        int k = Integer.highestOneBit(entries.size() - 1);
        return MerkleHashes.interior(naiveRoot(entries.subList(0, k)), naiveRoot(entries.subList(k, entries.size())));
    }
}
