package org.tsunagi.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tsunagi.cli.Tsunagi;
import org.tsunagi.gateway.ledger.DisclosedField;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.ledger.LedgerEntry;
import org.tsunagi.gateway.ledger.LedgerEvent;
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
        state = temp.resolve("auditor-state");
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            entries.add(disclosure(i));
        }
        ledger.append(entries);
        ledger.checkpointIfBehind();
        Result first = verify(state);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("ledger verified: tree size 20");
        // The ledger keeps growing legitimately (the verify run itself added AUDIT_QUERY entries).
        ledger.append(disclosure(20), disclosure(21));
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
    void truncatingAndRebuildingIsCaughtAtTheFirstRewrittenEntry() {
        dropGuards();
        truncateLedger();
        List<LedgerEntry> rebuilt = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rebuilt.add(i == 4 ? new LedgerEntry.Builder(disclosure(4)).recipient("252018").build() : disclosure(i));
        }
        ledger.append(rebuilt);
        ledger.checkpointIfBehind(); // the gateway signs the rebuilt tree: only the auditor's state can tell
        Result result = verify(state);
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).startsWith("ledger verify: FAILED: first bad index 4:");
    }
}
