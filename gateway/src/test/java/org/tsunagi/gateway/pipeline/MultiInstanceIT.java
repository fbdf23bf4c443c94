package org.tsunagi.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tsunagi.cli.Tsunagi;
import org.tsunagi.gateway.ledger.TestDatabases;
import picocli.CommandLine;

/**
 * Two gateway jars share one PostgreSQL database and one data directory (SFTP root, work area, processed,
 * quarantine) while a stream of messages arrives; one of them is killed with SIGKILL again and again and restarted.
 * At the end every file was decided exactly once, by one instance or the other: exactly its copies, exactly one
 * DISCLOSED entry per copy, ledger indices without a gap, {@code tsunagi ledger verify} passes, and the sender's
 * outbox holds exactly one receipt per file (a rejection receipt for each refused one) and nothing else.
 *
 * <p>Sized by {@code -Dtsunagi.it.messages} (default 2,000 files) and {@code -Dtsunagi.it.kills} (default 10).
 */
class MultiInstanceIT {

    static final int FILES = Integer.getInteger("tsunagi.it.messages", 2000);
    static final int KILLS = Integer.getInteger("tsunagi.it.kills", 10);
    static final int DUPLICATES = FILES / 20;
    static final int GARBAGE = FILES / 20;
    static final int UNIQUE = FILES - DUPLICATES - GARBAGE;

    final Path data = Path.of("target/multi-instance-" + UUID.randomUUID()).toAbsolutePath();
    final Path inbox = data.resolve("sftp/facility-nagoya/inbox");
    final Random random = new Random();
    String jdbcUrl;

    @Test
    void twoInstancesOnOnePostgresDecideEveryFileOnceDespiteSigkills() throws Exception {
        jdbcUrl = TestDatabases.postgresUrl();
        List<byte[]> files = messages();
        Files.createDirectories(inbox);

        CrashRecoveryIT.Gateway[] gateways = {start(0), start(1)};
        int dropped = 0;
        int batch = FILES / (KILLS + 1);
        for (int kill = 0; kill < KILLS; kill++) {
            dropped = drop(files, dropped, batch);
            awaitProgress();
            Thread.sleep(200 + random.nextInt(1000));
            int victim = kill % 2;
            gateways[victim].kill();
            gateways[victim] = start(victim);
        }
        drop(files, dropped, files.size() - dropped);
        awaitAllDecided(files.size());
        awaitIntegrated();

        verifyDatabase();
        verifyReceipts();
        verifyLedger(gateways[0].httpsPort);
        for (CrashRecoveryIT.Gateway gateway : gateways) {
            gateway.stop();
        }
    }

    CrashRecoveryIT.Gateway start(int instance) throws Exception {
        return CrashRecoveryIT.Gateway.start(data, data.resolve("gateway-" + instance + ".log"),
                "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
                "--spring.datasource.password=", "--tsunagi.pipeline.workers=2",
                "--tsunagi.pipeline.claim-lease=20s", "--tsunagi.ledger.checkpoint-every=1s");
    }

    List<byte[]> messages() {
        var facility = DemoParticipants.credentials("facility-nagoya");
        List<byte[]> files = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        for (int i = 0; i < UNIQUE; i++) {
            String notice = DemoParticipants.sample("ReleaseNotice");
            notices.add(notice);
            files.add(DemoParticipants.sealToGateway(notice, facility));
        }
        for (int i = 0; i < DUPLICATES; i++) {
            files.add(DemoParticipants.sealToGateway(notices.get(i * 7 % UNIQUE), facility));
        }
        for (int i = 0; i < GARBAGE; i++) {
            files.add(("not a sealed message " + i).getBytes(StandardCharsets.UTF_8));
        }
        Collections.shuffle(files, random);
        return files;
    }

    /** As a sender would: each file under a temporary name, then renamed. */
    int drop(List<byte[]> files, int from, int count) throws IOException {
        int to = Math.min(files.size(), from + count);
        for (int i = from; i < to; i++) {
            Path part = inbox.resolve(".m-" + i + ".p7m.part");
            Files.write(part, files.get(i));
            Files.move(part, inbox.resolve("m-" + i + ".p7m"));
        }
        return to;
    }

    void awaitProgress() throws Exception {
        long before = finished();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (finished() < before + 10 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    void awaitAllDecided(int total) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1200);
        while (System.nanoTime() < deadline) {
            if (finished() == total && CrashRecoveryIT.count(inbox, "") == 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not all files were finished: " + finished() + " of " + total);
    }

    long finished() throws IOException {
        return CrashRecoveryIT.count(data.resolve("processed/facility-nagoya"), "")
                + CrashRecoveryIT.count(data.resolve("quarantine/facility-nagoya"), "")
                - CrashRecoveryIT.count(data.resolve("quarantine/facility-nagoya"), ".reason.json");
    }

    /** The ledger's integrator (whichever instance holds it) has given every written entry its index. */
    void awaitIntegrated() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            while (CrashRecoveryIT.single(db, "SELECT COUNT(*) FROM ledger_pending") > 0) {
                assertThat(System.nanoTime() - deadline < 0).as("ledger entries integrated within 60 s").isTrue();
                Thread.sleep(100);
            }
        }
        // The integrator role moved between the instances as they were killed (one advisory-lock holder at a time).
        long takeovers = 0;
        for (int instance = 0; instance < 2; instance++) {
            takeovers += Files.readAllLines(data.resolve("gateway-" + instance + ".log")).stream()
                    .filter(line -> line.contains("took the integrator role")).count();
        }
        assertThat(takeovers).as("integrator takeovers").isGreaterThanOrEqualTo(2);
    }

    void verifyDatabase() throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            assertThat(CrashRecoveryIT.single(db, "SELECT COUNT(*) FROM ingest_decision")).isEqualTo(FILES);
            assertThat(CrashRecoveryIT.single(db, "SELECT COUNT(*) FROM ingest_decision WHERE verdict = 'ACCEPTED'"))
                    .isEqualTo(UNIQUE);
            assertThat(CrashRecoveryIT.single(db,
                    "SELECT COUNT(*) FROM ingest_decision WHERE reason_code = 'DUPLICATE_MESSAGE_ID'"))
                    .isEqualTo(DUPLICATES);
            assertThat(CrashRecoveryIT.single(db,
                    "SELECT COUNT(*) FROM ingest_decision WHERE reason_code = 'MALFORMED_CMS'")).isEqualTo(GARBAGE);
            assertThat(CrashRecoveryIT.single(db, "SELECT COUNT(*) FROM outbox_copy")).isEqualTo(2L * UNIQUE);
            assertThat(CrashRecoveryIT.single(db, "SELECT COUNT(*) FROM (SELECT message_id FROM outbox_copy "
                    + "GROUP BY message_id HAVING COUNT(*) <> 2 OR MIN(recipient_id) <> '230006' "
                    + "OR MAX(recipient_id) <> '231002') t")).as("messages without exactly their two copies").isZero();
            assertThat(CrashRecoveryIT.single(db, "SELECT COUNT(*) FROM ledger_entry WHERE event = 'DISCLOSED'"))
                    .isEqualTo(2L * UNIQUE);
            List<String> disclosed = new ArrayList<>();
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT entry_json FROM ledger_entry WHERE event = 'DISCLOSED'")) {
                while (rs.next()) {
                    disclosed.add(rs.getString(1).replaceAll(".*\"copyId\":\"([^\"]+)\".*", "$1"));
                }
            }
            Set<String> outboxCopies = CrashRecoveryIT.strings(db, "SELECT CAST(copy_id AS VARCHAR) FROM outbox_copy",
                    s -> s);
            assertThat(new HashSet<>(disclosed)).as("one DISCLOSED per copy").hasSize(disclosed.size())
                    .isEqualTo(outboxCopies);
            assertThat(CrashRecoveryIT.single(db, "SELECT COUNT(*) FROM ledger_entry WHERE event = 'QUARANTINED'"))
                    .isEqualTo(DUPLICATES + GARBAGE);
            long entries = CrashRecoveryIT.single(db, "SELECT COUNT(*) FROM ledger_entry");
            assertThat(CrashRecoveryIT.single(db, "SELECT MIN(idx) FROM ledger_entry")).isZero();
            assertThat(CrashRecoveryIT.single(db, "SELECT MAX(idx) FROM ledger_entry")).as("gap-free indices")
                    .isEqualTo(entries - 1);
            assertThat(CrashRecoveryIT.single(db, "SELECT COUNT(*) FROM drop_claim WHERE abandoned_at IS NOT NULL"))
                    .isZero();
        }
    }

    /** The sender's outbox: one receipt per decision, nothing else; refused files got a rejection receipt. */
    void verifyReceipts() throws Exception {
        Set<String> expected = new HashSet<>();
        List<String> refused = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT receipt_name, verdict, reason_code FROM ingest_decision")) {
            while (rs.next()) {
                expected.add(rs.getString(1));
                if ("REFUSED".equals(rs.getString(2))) {
                    refused.add(rs.getString(1) + " " + rs.getString(3));
                }
            }
        }
        Set<String> outbox = new HashSet<>();
        try (Stream<Path> files = Files.list(data.resolve("sftp/facility-nagoya/outbox"))) {
            files.forEach(f -> outbox.add(f.getFileName().toString()));
        }
        assertThat(outbox).isEqualTo(expected);
        for (String receipt : refused.subList(0, Math.min(20, refused.size()))) {
            String[] nameAndReason = receipt.split(" ");
            assertThat(DemoParticipants.open(Files.readAllBytes(data.resolve("sftp/facility-nagoya/outbox")
                    .resolve(nameAndReason[0])), "facility-nagoya"))
                    .contains("<Outcome>REJECTED</Outcome>", "<ReasonCode>" + nameAndReason[1] + "</ReasonCode>");
        }
    }

    void verifyLedger(int httpsPort) throws Exception {
        Path keys = DemoParticipants.KEYS;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String result = "";
        while (System.nanoTime() < deadline) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = Tsunagi.commandLine(System::getenv).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                    .execute("ledger", "verify", "--gateway", "https://localhost:" + httpsPort,
                            "--trust", keys.resolve("ca/cert.pem").toString(),
                            "--trust-key", keys.resolve("gateway/checkpoint-ed25519.pub.pem").toString(),
                            "--participant", "auditor", "--key", keys.resolve("auditor/key.pem").toString(),
                            "--state", data.resolve("verify-state-" + System.nanoTime()).toString());
            result = exit + " " + out + err;
            if (exit == CommandLine.ExitCode.OK) {
                assertThat(out.toString()).contains("ledger verified");
                return;
            }
            Thread.sleep(2000);
        }
        throw new AssertionError("tsunagi ledger verify did not pass: " + result);
    }
}
