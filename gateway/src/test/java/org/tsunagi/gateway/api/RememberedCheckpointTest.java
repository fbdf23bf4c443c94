package org.tsunagi.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import org.tsunagi.cli.Tsunagi;
import org.tsunagi.gateway.delivery.OutboundCopy;
import org.tsunagi.gateway.delivery.Outbox;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.ledger.LedgerEntry;
import org.tsunagi.gateway.ledger.LedgerEvent;
import org.tsunagi.routes.envelope.KeyMaterial;
import org.tsunagi.routes.envelope.MessageSealer;
import org.tsunagi.routes.ledger.Checkpoint;
import org.tsunagi.routes.ledger.CheckpointSigner;
import org.tsunagi.routes.ledger.CheckpointVerifier;
import picocli.CommandLine;

/**
 * Every client remembers: API responses carry the latest signed checkpoint; {@code tsunagi poll} keeps the last one it
 * verified, proves its own copy's entries are in it ({@code --verify-inclusion}), and refuses to go on when the
 * gateway's history is not consistent with what it remembered, printing both checkpoints.
 */
@ApiTest
class RememberedCheckpointTest {

    static final Path KEYS = TestTokens.KEYS;
    static final String OTSU = "252018";
    static final String ORIGIN = "tsunagi-gateway/ledger";

    @LocalServerPort
    int port;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    DisclosureLedger ledger;
    @TempDir
    Path config;

    record Result(int exit, String out, String err) {
    }

    @Test
    void everyApiResponseCarriesTheLatestSignedCheckpointRefusalsIncluded() throws Exception {
        ledger.append(new LedgerEntry.Builder(LedgerEvent.REFUSED, Instant.now()).reason("header-test").build());
        ledger.integrateNow();
        ledger.checkpointIfBehind();
        Thread.sleep(1100); // the header is read from the database at most once a second
        HttpResponse<byte[]> refused = new ApiClient(port).send("GET", "/api/v1/messages", null, Map.of(), null);
        assertThat(refused.statusCode()).isEqualTo(401);
        String note = new String(Base64.getDecoder().decode(refused.headers().firstValue("Tsunagi-Checkpoint")
                .orElseThrow()), StandardCharsets.UTF_8);
        Checkpoint checkpoint = CheckpointVerifier.fromPem(KEYS.resolve("gateway/checkpoint-ed25519.pub.pem"), null)
                .verify(note);
        assertThat(note).isEqualTo(ledger.latestCheckpoint().orElseThrow());
        assertThat(checkpoint.treeSize()).isPositive();
    }

    @Test
    void pollRemembersTheCheckpointProvesItsCopyIsIncludedAndRefusesAForkedHistory() throws Exception {
        drain();
        Path remembered = config.resolve("gateways/localhost_" + port + "/checkpoint.note");
        Files.createDirectories(remembered.getParent());
        Files.copy(KEYS.resolve("gateway/checkpoint-ed25519.pub.pem"), remembered.resolveSibling("checkpoint-key.pem"));
        OutboundCopy copy = disclosedCopy();
        ledger.integrateNow();
        ledger.checkpointIfBehind();
        Thread.sleep(1100);

        Result poll = poll(temp("first"), "--verify-inclusion");
        assertThat(poll.exit()).as(poll.err()).isZero();
        assertThat(poll.out()).contains(copy.copyId() + " ReleaseNotice")
                .containsPattern(copy.copyId() + " DISCLOSED entry \\d+ included in checkpoint size \\d+")
                .containsPattern(copy.copyId() + " DELIVERED entry \\d+ pending");
        assertThat(remembered).hasContent(ledger.latestCheckpoint().orElseThrow());

        // The same key signed another tree at the size we remember: the gateway showed us a history it has since
        // rewritten (or shows others a different one). The next command must stop and show both checkpoints.
        Checkpoint seen = CheckpointVerifier.fromPem(KEYS.resolve("gateway/checkpoint-ed25519.pub.pem"), null)
                .verify(Files.readString(remembered));
        byte[] otherRoot = new byte[32];
        new SecureRandom().nextBytes(otherRoot);
        String fork = CheckpointSigner.fromPem(ORIGIN, KEYS.resolve("gateway/checkpoint-ed25519.pem"))
                .sign(new Checkpoint(ORIGIN, seen.treeSize(), otherRoot));
        Files.writeString(remembered, fork);
        OutboundCopy waiting = disclosedCopy();
        ledger.integrateNow();
        ledger.checkpointIfBehind();
        Thread.sleep(1100);
        String served = ledger.latestCheckpoint().orElseThrow();

        Result refused = poll(temp("second"));
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("REFUSED: the gateway's ledger is not consistent with the checkpoint "
                + "remembered in").contains(base64(fork)).contains(base64(served)).hasLineCount(1);
        assertThat(remembered).hasContent(fork);
        // Nothing was downloaded or acknowledged.
        assertThat(temp("second")).isEmptyDirectory();
        assertThat(outbox.find(waiting.copyId(), OTSU).orElseThrow().deliveredAt()).isNull();
        drain();
    }

    private static String base64(String note) {
        return Base64.getEncoder().encodeToString(note.getBytes(StandardCharsets.UTF_8));
    }

    private Path temp(String name) throws Exception {
        return Files.createDirectories(config.resolve("out-" + name));
    }

    /** A copy for Otsu with its DISCLOSED entry, committed together as the pipeline does. */
    private OutboundCopy disclosedCopy() throws Exception {
        String xml = "<Message xmlns=\"urn:tsunagi:message:1\"><Header><MessageType>ReleaseNotice</MessageType>"
                + "</Header></Message>";
        byte[] cms = new MessageSealer().seal(xml.getBytes(StandardCharsets.UTF_8),
                KeyMaterial.credentials(KEYS.resolve("gateway/signing-cert.pem"), KEYS.resolve("gateway/signing-key.pem")),
                KeyMaterial.certificate(KEYS.resolve(OTSU + "/cert.pem")));
        OutboundCopy copy = OutboundCopy.of(UUID.randomUUID(), UUID.randomUUID(), "facility-nagoya", OTSU,
                "ReleaseNotice", "welfare-support", "LAW:test", null, Instant.now(), cms, "jose.form.not.used.here");
        transaction.executeWithoutResult(status -> {
            outbox.enqueue(copy);
            ledger.append(copy.ledgerEntry(LedgerEvent.DISCLOSED, Instant.now()).sealedSha256(copy.cmsSha256()).build());
        });
        return copy;
    }

    private Result poll(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("poll", "--gateway", "https://localhost:" + port,
                "--participant", OTSU, "--key", KEYS.resolve(OTSU + "/key.pem").toString(),
                "--cert", KEYS.resolve(OTSU + "/cert.pem").toString(),
                "--trust", KEYS.resolve("ca/cert.pem").toString(), "--out", out.toString()));
        args.addAll(List.of(extra));
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine cli = Tsunagi.commandLine(name -> "TSUNAGI_CONFIG_HOME".equals(name) ? config.toString() : null);
        cli.setOut(new PrintWriter(stdout));
        cli.setErr(new PrintWriter(stderr));
        int exit = cli.execute(args.toArray(String[]::new));
        return new Result(exit, stdout.toString(), stderr.toString());
    }

    private void drain() {
        ApiClient api = new ApiClient(port);
        for (int round = 0; round < 100; round++) {
            var body = ApiClient.json(api.get("/api/v1/messages?limit=500", TestTokens.token(OTSU), "application/json"));
            if (body.path("items").isEmpty()) {
                break;
            }
            body.path("items").forEach(i -> api.send("POST", "/api/v1/messages/" + i.path("id").asText() + "/ack",
                    TestTokens.token(OTSU), Map.of(), null));
        }
    }
}
