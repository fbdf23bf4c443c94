package org.tsunagi.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tsunagi.cli.Tsunagi;
import org.tsunagi.routes.redaction.DisclosedField;
import org.tsunagi.gateway.GatewayProperties;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.ledger.LedgerAlarm;
import org.tsunagi.gateway.pipeline.DemoParticipants;
import org.tsunagi.gateway.sftp.ParticipantHomes;
import org.tsunagi.gateway.ledger.LedgerEntry;
import org.tsunagi.gateway.ledger.LedgerEvent;
import org.tsunagi.routes.ledger.MerkleFrontier;
import org.tsunagi.routes.ledger.MerkleHashes;
import org.tsunagi.routes.ledger.SubjectKey;
import picocli.CommandLine;

/**
 * End to end: a running gateway (HTTPS with the demo certificate), the real {@code tsunagi ledger verify}, and a
 * database edited behind the gateway's back with the append-only guards dropped. Every edit must be caught, naming
 * the first bad index.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "tsunagi.sftp.port=0",
        "camel.springboot.main-run-controller=false",
        "server.ssl.key-store=../keys-example/gateway/tls.p12",
        "server.ssl.key-store-password=changeit",
        "server.ssl.key-store-type=PKCS12",
        "tsunagi.ledger.checkpoint-key-file=../keys-example/gateway/checkpoint-ed25519.pem",
        "tsunagi.ledger.subject-key-file=../keys-example/gateway/subject-key.txt",
        "tsunagi.ledger.checkpoint-every-entries=1000000",
        "tsunagi.ledger.checkpoint-every=1h"})
@Import(TestParticipantJwtSecurity.class)
abstract class LedgerTamperContract {

    static final Path KEYS = Path.of("..", "keys-example");

    @LocalServerPort
    int port;

    @Autowired
    DisclosureLedger ledger;

    @Autowired
    SubjectKey subjectKey;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path temp;

    Path state;

    /** Drops the append-only guards the way an attacker with the owner's rights would. */
    abstract void dropGuards();

    /** Puts the guards back as the migration made them (each test starts from an empty, guarded ledger). */
    abstract void createGuards();

    /** Empties every ledger table (TRUNCATE where the database allows it). */
    abstract void truncateLedger();

    /** Empties one ledger table with TRUNCATE, getting past whatever guard the database has, as an owner can. */
    abstract void truncateAsOwner(String table);

    @Autowired
    LedgerAlarm alarm;

    @Autowired
    GatewayProperties gateway;

    @Autowired
    ParticipantHomes homes;

    @Autowired
    MeterRegistry meters;

    @LocalManagementPort
    int managementPort;

    @Autowired
    HealthContributorRegistry healthContributors;

    /** The gateway's copy of the last checkpoint it signed, outside the database. */
    Path remembered() {
        return gateway.dataDir().resolve("ledger").resolve("checkpoint.note");
    }

    record Result(int exit, String out, String err) {
    }

    LedgerEntry disclosure(int n) {
        return new LedgerEntry.Builder(LedgerEvent.DISCLOSED, java.time.Instant.parse("2026-04-01T09:00:00Z").plusSeconds(n))
                .messageId("6b1f7c2e-0000-4000-8000-" + String.format("%012d", n)).messageType("ReleaseNotice")
                .sender("facility-nagoya").recipient(n % 2 == 0 ? "231002" : "230006")
                .purpose("reintegration-support").legalBasis("Recidivism Prevention Act art. 24")
                .subject(subjectKey.reference("inmate-number", "N" + (n % 7)))
                .fields(List.of(new DisclosedField("ReleaseNotice/PlannedReleaseDate", "keep")))
                .sealedSha256(String.format("%064x", n)).build();
    }

    @BeforeEach
    void ledgerVerifiedOnce() {
        dropGuards();
        truncateLedger();
        createGuards();
        // A fresh ledger for every test: the gateway forgets the previous test's checkpoint (the operator's
        // recovery step, README "When the ledger alarm is raised").
        try {
            Files.deleteIfExists(remembered());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(ledger.selfCheck()).isTrue();
        state = temp.resolve("auditor-state");
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            entries.add(disclosure(i));
        }
        ledger.append(entries);
        ledger.integrateNow();
        ledger.checkpointIfBehind();
        Result first = verify(state);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("ledger verified: tree size 20");
        // The ledger keeps growing legitimately (the verify run itself added AUDIT_QUERY entries).
        ledger.append(disclosure(20), disclosure(21));
        ledger.integrateNow();
        ledger.checkpointIfBehind();
    }

    Result verify(Path stateFile) {
        return verify(stateFile, KEYS.resolve("gateway/checkpoint-ed25519.pub.pem"));
    }

    Result verify(Path stateFile, Path trustKey) {
        List<String> args = new ArrayList<>(List.of("ledger", "verify", "--gateway", "https://localhost:" + port,
                "--trust", KEYS.resolve("ca/cert.pem").toString(),
                "--trust-key", trustKey.toString(),
                "--participant", "auditor", "--key", KEYS.resolve("auditor/key.pem").toString(),
                "--state", stateFile.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Tsunagi.commandLine(System::getenv).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int exit = cli.execute(args.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    void assertFailsAt(long index) {
        Result result = verify(state);
        assertThat(result.exit()).as(result.out()).isEqualTo(1);
        assertThat(result.err().lines().toList()).hasSize(1);
        assertThat(result.err()).startsWith("ledger verify: FAILED: first bad index " + index + ":");
    }

    @Test
    void anUntouchedLedgerVerifiesAndStaysConsistentWithTheLastRun() {
        Result result = verify(state);
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).containsPattern("ledger verified: tree size \\d+, root \\S+, consistent with the previous "
                + "checkpoint at size 20");
    }

    @Test
    void aCheckpointNotSignedByTheTrustedKeyIsRefused() throws Exception {
        java.security.KeyPair other = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path otherKey = temp.resolve("other.pub.pem");
        java.nio.file.Files.writeString(otherKey, "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getEncoder().encodeToString(other.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        Result result = verify(temp.resolve("other-state"), otherKey);
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).startsWith("ledger verify: FAILED: checkpoint: checkpoint carries no signature by the trusted key");
        assertThat(temp.resolve("other-state")).doesNotExist();
    }

    @Test
    void changingAFieldIsCaughtAtItsIndex() {
        dropGuards();
        jdbc.update("UPDATE ledger_entry SET entry_json = REPLACE(entry_json, '\"230006\"', '\"252018\"') WHERE idx = 7");
        assertFailsAt(7);
    }

    @Test
    void changingAFieldAndItsLeafHashIsCaughtAtItsIndex() {
        dropGuards();
        String json = jdbc.queryForObject("SELECT entry_json FROM ledger_entry WHERE idx = 11", String.class)
                .replace("\"230006\"", "\"252018\"");
        jdbc.update("UPDATE ledger_entry SET entry_json = ?, leaf_hash = ? WHERE idx = 11", json,
                MerkleHashes.leaf(json.getBytes(StandardCharsets.UTF_8)));
        assertFailsAt(11);
    }

    @Test
    void deletingARowIsCaughtAtItsIndex() {
        dropGuards();
        jdbc.update("DELETE FROM ledger_entry WHERE idx = 5");
        assertFailsAt(5);
    }

    @Test
    void swappingTwoRowsIsCaughtAtTheFirst() {
        dropGuards();
        Map<String, Object> three = jdbc.queryForMap("SELECT entry_json, leaf_hash FROM ledger_entry WHERE idx = 3");
        Map<String, Object> nine = jdbc.queryForMap("SELECT entry_json, leaf_hash FROM ledger_entry WHERE idx = 9");
        jdbc.update("UPDATE ledger_entry SET entry_json = ?, leaf_hash = ? WHERE idx = 3", nine.get("entry_json"), nine.get("leaf_hash"));
        jdbc.update("UPDATE ledger_entry SET entry_json = ?, leaf_hash = ? WHERE idx = 9", three.get("entry_json"), three.get("leaf_hash"));
        assertFailsAt(3);
    }

    @Test
    void truncatingAndRebuildingIsRefusedByTheGatewayAndCaughtByTheAuditor() {
        dropGuards();
        truncateLedger();
        List<LedgerEntry> rebuilt = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rebuilt.add(i == 4 ? new LedgerEntry.Builder(disclosure(4)).recipient("252018").build() : disclosure(i));
        }
        ledger.append(rebuilt);
        ledger.integrateNow();
        // The gateway remembers the checkpoint it signed at size 22: it will not sign the rebuilt tree.
        ledger.integrateNow();
        assertThat(ledger.checkpointIfBehind()).isFalse();
        assertThat(ledger.latestCheckpoint()).isEmpty();
        assertThat(alarm.inconsistency()).get().asString().contains("the gateway signed");
        Result result = verify(state);
        assertThat(result.exit()).isEqualTo(1);
    }

    @Test
    void rewritingAnEntryAndRebuildingTheTreeIsDetectedNothingIsSignedAndDropsWaitUntilRecovery() throws Exception {
        ledger.append(disclosure(22)); // a legitimate entry, not yet in a checkpoint
        ledger.integrateNow();
        long checkpoints = count("ledger_checkpoint");
        String signed = Files.readString(remembered());
        Map<String, Object> original = jdbc.queryForMap("SELECT entry_json, leaf_hash FROM ledger_entry WHERE idx = 7");
        List<Map<String, Object>> nodes = jdbc.queryForList("SELECT lvl, idx, hash FROM ledger_node");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE recipient = '230006'", Long.class))
                .isEqualTo(11);

        // The attack: hide a disclosure to 230006 by rewriting its entry with a matching leaf hash and tree.
        dropGuards();
        String forged = ((String) original.get("entry_json")).replace("\"230006\"", "\"252018\"");
        jdbc.update("UPDATE ledger_entry SET entry_json = ?, leaf_hash = ?, recipient = '252018' WHERE idx = 7", forged,
                MerkleHashes.leaf(forged.getBytes(StandardCharsets.UTF_8)));
        rebuildTree();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE recipient = '230006'", Long.class))
                .isEqualTo(10);

        // Detected: the scheduled self-check and the signing path both refuse; nothing signed, alarm everywhere.
        assertThat(ledger.selfCheck()).isFalse();
        ledger.integrateNow();
        assertThat(ledger.checkpointIfBehind()).isFalse();
        assertThat(count("ledger_checkpoint")).isEqualTo(checkpoints);
        assertThat(remembered()).hasContent(signed);
        assertThat(alarm.inconsistency()).get().asString()
                .contains("not consistent with the checkpoint the gateway signed (size ");
        assertThat(alarm.ingestPaused()).isTrue();
        assertThat(meters.get("tsunagi.ledger.alarms").tag("cause", "inconsistent").counter().count()).isPositive();
        assertThat(meters.get("tsunagi.ledger.alarm").gauge().value()).isEqualTo(1.0);
        assertThat(ledgerHealth()).isEqualTo(Status.DOWN);
        assertThat(managementStatus("/actuator/health")).isEqualTo(503);

        // A drop arriving now waits in its inbox, untouched.
        String notice = DemoParticipants.sample("ReleaseNotice");
        String messageId = DemoParticipants.messageId(notice);
        byte[] sealed = DemoParticipants.sealToGateway(notice, "facility-nagoya");
        homes.prepare("facility-nagoya");
        Path part = homes.inbox("facility-nagoya").resolve("held.p7m.part");
        Files.write(part, sealed);
        Path drop = Files.move(part, homes.inbox("facility-nagoya").resolve("held.p7m"));
        Thread.sleep(3000); // several polls (poll-delay 500ms, min-file-age 1s)
        assertThat(drop).hasBinaryContent(sealed);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE message_id = ?", Long.class, messageId))
                .isZero();

        // Recovery: the operator restores the entry and the tree (from a backup); the next self-check clears the
        // alarm, the drop is processed, and checkpoints are signed again.
        jdbc.update("UPDATE ledger_entry SET entry_json = ?, leaf_hash = ?, recipient = '230006' WHERE idx = 7",
                original.get("entry_json"), original.get("leaf_hash"));
        jdbc.update("DELETE FROM ledger_node");
        jdbc.batchUpdate("INSERT INTO ledger_node (lvl, idx, hash) VALUES (?, ?, ?)", nodes, nodes.size(), (ps, n) -> {
            ps.setObject(1, n.get("lvl"));
            ps.setObject(2, n.get("idx"));
            ps.setObject(3, n.get("hash"));
        });
        createGuards();
        assertThat(ledger.selfCheck()).isTrue();
        assertThat(alarm.raised()).isFalse();
        // The pipeline takes a drop out of the inbox before it commits: wait for the decision, not the file.
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (disclosed(messageId) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(drop).doesNotExist();
        assertThat(disclosed(messageId)).isEqualTo(2);
        ledger.integrateNow();
        assertThat(ledger.checkpointIfBehind()).isTrue();
        assertThat(ledgerHealth()).isEqualTo(Status.UP);
    }

    private long disclosed(String messageId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE message_id = ? AND event = 'DISCLOSED'",
                Long.class, messageId);
    }

    @Test
    void emptyingTheCheckpointTableIsDetectedAndNothingIsSigned() {
        dropGuards();
        jdbc.update("DELETE FROM ledger_checkpoint");
        ledger.append(disclosure(22));
        ledger.integrateNow();
        assertThat(ledger.selfCheck()).isFalse();
        assertThat(alarm.inconsistency()).get().asString().contains("missing from ledger_checkpoint");
        ledger.integrateNow();
        assertThat(ledger.checkpointIfBehind()).isFalse();
        assertThat(count("ledger_checkpoint")).isZero();
        createGuards();
    }

    @Test
    void truncatingTheNodeTableIsRefusedAndWhenForcedDetected() {
        // The guard: PostgreSQL's TRUNCATE trigger, H2's foreign keys (H2 skips row triggers on TRUNCATE).
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE TABLE ledger_node")).isInstanceOf(DataAccessException.class);
        assertThat(count("ledger_node")).isPositive();
        dropGuards();
        truncateAsOwner("ledger_node");
        assertThat(count("ledger_node")).isZero();
        assertThat(ledger.selfCheck()).isFalse();
        assertThat(alarm.inconsistency()).get().asString().contains("node table");
        ledger.integrateNow();
        ledger.checkpointIfBehind();
        assertThat(count("ledger_checkpoint")).isEqualTo(2);
        createGuards();
    }

    @Test
    void searchColumnsAreAppendOnlyAndAnEditBehindTheGatewaysBackIsCaughtAtItsIndex() {
        // The integrator writes them once (V120); the append-only guard refuses any later change.
        for (String column : List.of("event", "message_id", "copy_id", "sender", "recipient", "purpose", "subject_ref")) {
            assertThatThrownBy(() -> jdbc.update("UPDATE ledger_entry SET " + column + " = '252018' WHERE idx = 7"))
                    .as(column).isInstanceOf(DataAccessException.class);
        }
        assertThat(jdbc.queryForObject("SELECT recipient FROM ledger_entry WHERE idx = 7", String.class)).isEqualTo("230006");
        assertThat(ledger.search(new org.tsunagi.gateway.ledger.EntryFilter(null, null, "230006", null, null, null, null),
                -1, 100)).extracting(e -> e.index()).contains(7L);

        // Without the guards, hiding a disclosure from recipient searches leaves the hashed entry and the tree intact,
        // but verify compares every entry's columns with the entry and names the index.
        dropGuards();
        jdbc.update("UPDATE ledger_entry SET recipient = '252018' WHERE idx = 7");
        assertThat(ledger.search(new org.tsunagi.gateway.ledger.EntryFilter(null, null, "230006", null, null, null, null),
                -1, 100)).extracting(e -> e.index()).doesNotContain(7L);
        createGuards();
        Result result = verify(state);
        assertThat(result.exit()).as(result.out()).isEqualTo(1);
        assertThat(result.err()).startsWith("ledger verify: FAILED: first bad index 7: entry 7's search column recipient"
                + " differs from the entry");

        // Every column is checked, the time too.
        dropGuards();
        jdbc.update("UPDATE ledger_entry SET recipient = '230006' WHERE idx = 7");
        jdbc.update("UPDATE ledger_entry SET recorded_at = ? WHERE idx = 9",
                java.sql.Timestamp.from(java.time.Instant.parse("2020-01-01T00:00:00Z")));
        createGuards();
        result = verify(state);
        assertThat(result.err()).startsWith("ledger verify: FAILED: first bad index 9: entry 9's search column time"
                + " differs from the entry");
    }

    long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    /** Rebuilds ledger_node from the stored leaf hashes, as an attacker covering an edit would. */
    void rebuildTree() {
        List<byte[]> leaves = jdbc.query("SELECT leaf_hash FROM ledger_entry ORDER BY idx", (rs, n) -> rs.getBytes(1));
        jdbc.update("DELETE FROM ledger_node");
        MerkleFrontier frontier = MerkleFrontier.of(0, nodes -> Map.of());
        List<MerkleFrontier.StoredNode> all = new ArrayList<>();
        leaves.forEach(leaf -> all.addAll(frontier.append(leaf)));
        jdbc.batchUpdate("INSERT INTO ledger_node (lvl, idx, hash) VALUES (?, ?, ?)", all, all.size(), (ps, n) -> {
            ps.setInt(1, n.node().level());
            ps.setLong(2, n.node().index());
            ps.setBytes(3, n.hash());
        });
    }

    /** The status of the health component named {@code ledger}. */
    Status ledgerHealth() {
        return ((HealthIndicator) healthContributors.getContributor("ledger")).health().getStatus();
    }

    int managementStatus(String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + managementPort + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
