package org.tsunagi.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import org.tsunagi.cli.Tsunagi;
import org.tsunagi.gateway.delivery.OutboundCopy;
import org.tsunagi.gateway.delivery.Outbox;
import org.tsunagi.gateway.delivery.OutboxEvent;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.ledger.EntryFilter;
import org.tsunagi.gateway.ledger.LedgerEvent;
import org.tsunagi.routes.envelope.KeyMaterial;
import org.tsunagi.routes.envelope.MessageSealer;
import picocli.CommandLine;

/** The real {@code tsunagi token}, {@code submit} and {@code poll} against a running gateway. */
@ApiTest
class CliAgainstGatewayTest {

    static final Path KEYS = TestTokens.KEYS;
    static final String NAGOYA = "231002";

    @LocalServerPort
    int port;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    DisclosureLedger ledger;
    @TempDir
    Path temp;

    record Result(int exit, String out, String err) {
    }

    @Test
    void pollDownloadsOpensWritesAndAcknowledgesEveryPendingMessage() throws Exception {
        // Drain what other tests left for Nagoya City, so that only this test's copies are pending.
        drain();
        String xml1 = "<Message xmlns=\"urn:tsunagi:message:1\"><Header><MessageType>ReleaseNotice</MessageType>"
                + "</Header></Message>";
        String xml2 = xml1.replace("ReleaseNotice", "StatisticsReport");
        OutboundCopy first = sealedCopy(xml1, "ReleaseNotice");
        OutboundCopy second = sealedCopy(xml2, "StatisticsReport");
        Path dir = temp.resolve("inbox");

        Result poll = run("poll", "--gateway", "https://localhost:" + port, "--participant", NAGOYA,
                "--key", KEYS.resolve(NAGOYA + "/key.pem").toString(),
                "--cert", KEYS.resolve(NAGOYA + "/cert.pem").toString(),
                "--trust", KEYS.resolve("ca/cert.pem").toString(), "--out", dir.toString());

        assertThat(poll.exit()).as(poll.err()).isZero();
        assertThat(Files.readString(dir.resolve(first.copyId() + ".xml"))).isEqualTo(xml1);
        assertThat(Files.readString(dir.resolve(second.copyId() + ".xml"))).isEqualTo(xml2);
        assertThat(poll.out()).contains(first.copyId() + " ReleaseNotice").contains(second.copyId() + " StatisticsReport");
        ledger.integrateNow(); // the downloads' and acknowledgements' entries, numbered now
        for (OutboundCopy copy : List.of(first, second)) {
            assertThat(outbox.find(copy.copyId(), NAGOYA).orElseThrow().acknowledged()).isTrue();
            assertThat(outbox.history(copy.copyId())).last().satisfies(event -> {
                assertThat(event.kind()).isEqualTo(OutboxEvent.Kind.ACKNOWLEDGED);
                assertThat(event.receipt()).as("a signed receipt is kept").isNotBlank();
            });
            assertThat(ledger.search(new EntryFilter(null, null, NAGOYA, null,
                    Set.of(LedgerEvent.DELIVERED, LedgerEvent.ACKNOWLEDGED), null, null), -1, 100_000).stream()
                    .filter(e -> e.canonicalJson().contains(copy.copyId().toString())).count()).isEqualTo(2);
        }
        Result again = run("poll", "--gateway", "https://localhost:" + port, "--participant", NAGOYA,
                "--key", KEYS.resolve(NAGOYA + "/key.pem").toString(),
                "--cert", KEYS.resolve(NAGOYA + "/cert.pem").toString(),
                "--trust", KEYS.resolve("ca/cert.pem").toString(), "--out", dir.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.out()).isEmpty();
    }

    @Test
    void aMessageThatDoesNotOpenIsNeitherWrittenNorAcknowledged() throws Exception {
        drain();
        OutboundCopy garbage = new TestCopies(outbox, transaction).enqueue(NAGOYA, "ReleaseNotice");
        Path dir = temp.resolve("bad");

        Result poll = run("poll", "--gateway", "https://localhost:" + port, "--participant", NAGOYA,
                "--key", KEYS.resolve(NAGOYA + "/key.pem").toString(),
                "--cert", KEYS.resolve(NAGOYA + "/cert.pem").toString(),
                "--trust", KEYS.resolve("ca/cert.pem").toString(), "--out", dir.toString());

        assertThat(poll.exit()).isEqualTo(1);
        assertThat(poll.err()).contains(garbage.copyId().toString());
        assertThat(dir.resolve(garbage.copyId() + ".xml")).doesNotExist();
        assertThat(outbox.find(garbage.copyId(), NAGOYA).orElseThrow().acknowledged()).isFalse();
        drainQuietly(garbage);
    }

    @Test
    void tokenPrintsABearerTokenTheGatewayAcceptsOnce() {
        Result token = run("token", "--participant", NAGOYA, "--key", KEYS.resolve(NAGOYA + "/key.pem").toString());

        assertThat(token.exit()).as(token.err()).isZero();
        String jwt = token.out().strip();
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/api/v1/messages", jwt, "application/json").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/messages", jwt, "application/json").statusCode()).isEqualTo(401);
    }

    @Test
    void submitUploadsTheSealedFileAndPrintsTheSubmissionId() throws Exception {
        Path sealed = temp.resolve("msg.p7m");
        Files.write(sealed, new MessageSealer().seal("<x/>".getBytes(StandardCharsets.UTF_8),
                KeyMaterial.credentials(KEYS.resolve("probation-nagoya/cert.pem"), KEYS.resolve("probation-nagoya/key.pem")),
                KeyMaterial.certificate(KEYS.resolve("gateway/encryption-cert.pem"))));

        Result submit = run("submit", "--gateway", "https://localhost:" + port, "--participant", "probation-nagoya",
                "--key", KEYS.resolve("probation-nagoya/key.pem").toString(),
                "--trust", KEYS.resolve("ca/cert.pem").toString(), "--in", sealed.toString());

        assertThat(submit.exit()).as(submit.err()).isZero();
        assertThat(UUID.fromString(submit.out().strip())).isNotNull();
    }

    @Test
    void failuresAreOneLineWithANonZeroExit() {
        Result auditor = run("submit", "--gateway", "https://localhost:" + port, "--participant", "auditor",
                "--key", KEYS.resolve("auditor/key.pem").toString(), "--trust", KEYS.resolve("ca/cert.pem").toString(),
                "--in", KEYS.resolve("ca/cert.pem").toString());
        Result missing = run("poll", "--gateway", "https://localhost:" + port, "--participant", NAGOYA);
        Result plain = run("token", "--participant", NAGOYA, "--key", temp.resolve("nope.pem").toString());

        assertThat(auditor.exit()).isEqualTo(1);
        assertThat(auditor.err().strip()).doesNotContain("\n").contains("403").contains("urn:tsunagi:problem:forbidden");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(plain.exit()).isEqualTo(1);
        assertThat(plain.err().strip()).doesNotContain("\n").contains("nope.pem");
        for (String command : List.of("submit", "poll", "token")) {
            Result help = run(command, "--help");
            assertThat(help.exit()).isZero();
            assertThat(help.out()).contains("--participant");
        }
    }

    private OutboundCopy sealedCopy(String xml, String type) throws Exception {
        byte[] cms = new MessageSealer().seal(xml.getBytes(StandardCharsets.UTF_8),
                KeyMaterial.credentials(KEYS.resolve("gateway/signing-cert.pem"), KEYS.resolve("gateway/signing-key.pem")),
                KeyMaterial.certificate(KEYS.resolve(NAGOYA + "/cert.pem")));
        UUID id = UUID.randomUUID();
        OutboundCopy copy = OutboundCopy.of(id, UUID.randomUUID(), "facility-nagoya", NAGOYA, type, "welfare-support",
                "LAW:個人情報の保護に関する法律", null, Instant.now(), cms, "jose.form.not.used.here");
        transaction.executeWithoutResult(status -> outbox.enqueue(copy));
        return copy;
    }

    private void drain() {
        ApiClient api = new ApiClient(port);
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var body = ApiClient.json(api.get("/api/v1/messages?limit=500" + (cursor == null ? "" : "&cursor=" + cursor),
                    TestTokens.token(NAGOYA), "application/json"));
            body.path("items").forEach(i -> ids.add(i.path("id").asText()));
            cursor = body.path("next").isNull() ? null : body.path("next").asText();
        } while (cursor != null);
        for (String id : ids) {
            HttpResponse<byte[]> ack = api.send("POST", "/api/v1/messages/" + id + "/ack", TestTokens.token(NAGOYA),
                    Map.of(), null);
            assertThat(ack.statusCode()).isIn(204, 409);
        }
    }

    private void drainQuietly(OutboundCopy copy) {
        new ApiClient(port).send("POST", "/api/v1/messages/" + copy.copyId() + "/ack", TestTokens.token(NAGOYA),
                Map.of(), null);
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Tsunagi.commandLine(name -> null);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
