package org.tsunagi.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.bouncycastle.tsp.TSPException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tsunagi.cli.Tsunagi;
import org.tsunagi.gateway.GatewayProperties;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.ledger.LedgerAlarm;
import org.tsunagi.gateway.ledger.LedgerEntry;
import org.tsunagi.gateway.ledger.LedgerEvent;
import org.tsunagi.routes.envelope.KeyMaterial;
import org.tsunagi.routes.ledger.CheckpointTimestamps;
import picocli.CommandLine;

/**
 * RFC 3161 timestamps on checkpoints from a real, independent TSA (OpenSSL's {@code ts -reply} over HTTP): stored,
 * served, verified by {@code openssl ts -verify} and by {@code tsunagi ledger verify --tsa-cert}; a TSA outage longer
 * than {@code max-gap} raises the ledger alarm and, with {@code require-timestamp}, pauses ingest until it is over.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "tsunagi.sftp.port=0",
        "camel.springboot.main-run-controller=false",
        "tsunagi.ledger.checkpoint-every=200ms",
        "tsunagi.ledger.checkpoint-every-entries=1000000",
        "tsunagi.ledger.timestamping.max-gap=2s",
        "tsunagi.ledger.timestamping.require-timestamp=true",
        "tsunagi.ledger.timestamping.timeout=5s"})
class TimestampedCheckpointsTest {

    static final Path KEYS = Path.of("..", "keys-example");
    static OpenSslTsa tsa;

    @LocalServerPort
    int port;
    @Autowired
    DisclosureLedger ledger;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LedgerAlarm alarm;
    @Autowired
    GatewayProperties gateway;

    @DynamicPropertySource
    static void tsaAndData(DynamicPropertyRegistry registry) throws Exception {
        tsa = new OpenSslTsa();
        registry.add("tsunagi.ledger.timestamping.urls", () -> tsa.url().toString());
        Path dir = Files.createTempDirectory("tsunagi-tsa-test");
        registry.add("tsunagi.data-dir", dir::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dir.toAbsolutePath() + "/db/tsunagi;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000");
    }

    @AfterAll
    static void stopTsa() {
        tsa.close();
    }

    @Test
    void checkpointsAreTimestampedByAnIndependentTsaAndVerifyWithOpenSslAndTheCli() throws Exception {
        tsa.down(false);
        ledger.append(new LedgerEntry.Builder(LedgerEvent.REFUSED, Instant.now()).reason("tsa-test").build());
        ledger.integrateNow();
        long size = ledger.size();
        await(() -> timestamps(size) > 0);

        byte[] response = jdbc.queryForObject("SELECT response FROM ledger_checkpoint_timestamp WHERE tree_size = ?",
                byte[].class, size);
        String note = jdbc.queryForObject("SELECT note FROM ledger_checkpoint WHERE tree_size = ?", String.class, size);
        Files.write(tsa.dir.resolve("checkpoint.tsr"), response);
        Files.writeString(tsa.dir.resolve("checkpoint.txt"), note);
        assertThat(tsa.openssl("ts", "-verify", "-in", "checkpoint.tsr", "-data", "checkpoint.txt",
                "-CAfile", "ca.pem", "-untrusted", "tsa.pem")).contains("Verification: OK");
        // Kept outside the database too, next to the remembered checkpoint.
        Path kept = gateway.dataDir().resolve("ledger");
        await(() -> Files.exists(kept.resolve("last.tsr")));
        Files.copy(kept.resolve("last.tsr"), tsa.dir.resolve("kept.tsr"));
        Files.copy(kept.resolve("last.tsr.note"), tsa.dir.resolve("kept.txt"));
        assertThat(tsa.openssl("ts", "-verify", "-in", "kept.tsr", "-data", "kept.txt",
                "-CAfile", "ca.pem", "-untrusted", "tsa.pem")).contains("Verification: OK");
        // The token binds this exact note: another checkpoint's text does not verify.
        assertThatThrownBy(() -> CheckpointTimestamps.verify(response, note.replace("\n" + size + "\n", "\n" + (size + 1)
                + "\n"), KeyMaterial.certificate(tsa.dir.resolve("tsa.pem")))).isInstanceOf(TSPException.class);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Tsunagi.commandLine(name -> null).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int exit = cli.execute("ledger", "verify", "--gateway", "https://localhost:" + port,
                "--trust", KEYS.resolve("ca/cert.pem").toString(),
                "--trust-key", KEYS.resolve("gateway/checkpoint-ed25519.pub.pem").toString(),
                "--participant", "auditor", "--key", KEYS.resolve("auditor/key.pem").toString(),
                "--tsa-cert", tsa.dir.resolve("tsa.pem").toString());
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("timestamped ").contains("CN=Test TSA");

        // A certificate that is not the TSA's is refused.
        int wrong = Tsunagi.commandLine(name -> null).setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(err)).execute("ledger", "verify", "--gateway", "https://localhost:" + port,
                        "--trust", KEYS.resolve("ca/cert.pem").toString(),
                        "--trust-key", KEYS.resolve("gateway/checkpoint-ed25519.pub.pem").toString(),
                        "--participant", "auditor", "--key", KEYS.resolve("auditor/key.pem").toString(),
                        "--tsa-cert", KEYS.resolve("gateway/signing-cert.pem").toString());
        assertThat(wrong).isEqualTo(1);
        assertThat(err.toString()).contains("RFC 3161 timestamp does not verify");
    }

    @Test
    void aTsaOutageLongerThanMaxGapRaisesTheAlarmAndPausesIngestUntilItIsOver() throws Exception {
        tsa.down(true);
        ledger.append(new LedgerEntry.Builder(LedgerEvent.REFUSED, Instant.now()).reason("tsa-down").build());
        ledger.integrateNow();
        long size = ledger.size();
        await(() -> alarm.timestampProblem().isPresent());
        assertThat(alarm.timestampProblem()).get().asString().contains("no RFC 3161 timestamp");
        assertThat(alarm.ingestPaused()).isTrue();
        assertThat(timestamps(size)).isZero();

        tsa.down(false);
        await(() -> alarm.timestampProblem().isEmpty());
        assertThat(alarm.ingestPaused()).isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_checkpoint_timestamp WHERE tree_size >= ?",
                Long.class, size)).isPositive();
    }

    private long timestamps(long size) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM ledger_checkpoint_timestamp WHERE tree_size = ?", Long.class, size);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30s");
            }
            Thread.sleep(100);
        }
    }
}
