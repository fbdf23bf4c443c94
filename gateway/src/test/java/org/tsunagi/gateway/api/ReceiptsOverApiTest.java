package org.tsunagi.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagi.cli.Tsunagi;
import picocli.CommandLine;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tsunagi.gateway.pipeline.DemoParticipants;
import org.tsunagi.gateway.sftp.ParticipantHomes;

/**
 * An HTTPS-only sender (probation-nagoya) submits over the API and fetches its signed receipt over the API: listed
 * with {@code kind=receipt}, downloaded as the very bytes of its SFTP outbox's {@code receipt-<MessageId>.p7m},
 * signed by the gateway and encrypted to it; nobody else can list, download or acknowledge it.
 */
@ApiTest
class ReceiptsOverApiTest {

    static final String PROBATION = "probation-nagoya";
    static final String NAGOYA = "231002";
    static final String STATISTICS = "moj-stats";

    @LocalServerPort
    int port;

    @Test
    void anHttpsSenderFetchesItsOwnReceiptOverTheApiAndNobodyElseCan() throws Exception {
        ApiClient api = new ApiClient(port);
        String update = DemoParticipants.sample("ProbationCaseUpdate");
        String messageId = DemoParticipants.messageId(update);
        List<String> nagoyaReceiptsBefore = receipts(api, NAGOYA);

        HttpResponse<byte[]> submitted = api.send("POST", "/api/v1/messages", TestTokens.token(PROBATION),
                Map.of("Content-Type", "application/pkcs7-mime"), DemoParticipants.sealToGateway(update, PROBATION));
        assertThat(submitted.statusCode()).isEqualTo(202);

        Path sftpReceipt = new ParticipantHomes(Path.of("./target/api-test-data")).outbox(PROBATION)
                .resolve("receipt-" + messageId + ".p7m");
        String receiptId = awaitReceipt(api, sftpReceipt);

        HttpResponse<byte[]> download = api.get("/api/v1/messages/receipts/" + receiptId,
                TestTokens.token(PROBATION), "application/pkcs7-mime");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(Files.readAllBytes(sftpReceipt));
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"receipt-" + messageId + ".p7m\"");
        assertThat(download.headers().firstValue("Digest-SHA256")).hasValue(sha256(download.body()));
        // Opening decrypts with probation-nagoya's key and verifies the gateway's signature (chain, CRL, signer).
        String xml = DemoParticipants.open(download.body(), PROBATION);
        assertThat(xml).contains("<RefersTo>" + messageId + "</RefersTo>", "<Outcome>ACCEPTED</Outcome>",
                "<To>probation-nagoya</To>");

        // Nobody else: not listed, not downloadable, not acknowledgeable; a sender-only participant lists only its own.
        assertThat(receipts(api, NAGOYA)).containsExactlyElementsOf(nagoyaReceiptsBefore);
        assertThat(receipts(api, STATISTICS)).doesNotContain(receiptId);
        for (String other : List.of(NAGOYA, STATISTICS)) {
            HttpResponse<byte[]> stolen = api.get("/api/v1/messages/receipts/" + receiptId, TestTokens.token(other),
                    "application/pkcs7-mime");
            assertThat(stolen.statusCode()).isEqualTo(404);
            assertThat(new String(stolen.body(), StandardCharsets.ISO_8859_1)).doesNotContain(messageId);
            assertThat(api.send("POST", "/api/v1/messages/receipts/" + receiptId + "/ack", TestTokens.token(other),
                    Map.of(), null).statusCode()).isEqualTo(404);
        }
        // A receipt id is not a copy id: the copies listing and download know nothing of it.
        assertThat(api.get("/api/v1/messages/" + receiptId, TestTokens.token(PROBATION), "application/pkcs7-mime")
                .statusCode()).isEqualTo(404);
        assertThat(ids(api, "/api/v1/messages?limit=500", PROBATION)).doesNotContain(receiptId);
        assertThat(receipts(api, PROBATION)).contains(receiptId);

        // Acknowledged with a JWS naming it and its digest: gone from the list; a second acknowledgement conflicts.
        String wrongAck = TestTokens.sign(TestTokens.keyFile(PROBATION), new JWTClaimsSet.Builder()
                .claim("id", receiptId).claim("sha256", "00".repeat(32)).build());
        HttpResponse<byte[]> refused = api.send("POST", "/api/v1/messages/receipts/" + receiptId + "/ack",
                TestTokens.token(PROBATION), Map.of("Content-Type", "application/jose"),
                wrongAck.getBytes(StandardCharsets.US_ASCII));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(ApiClient.problemType(refused)).endsWith("invalid-receipt");
        assertThat(receipts(api, PROBATION)).contains(receiptId);
        String ack = TestTokens.sign(TestTokens.keyFile(PROBATION), new JWTClaimsSet.Builder()
                .claim("id", receiptId).claim("sha256", sha256(download.body())).build());
        assertThat(api.send("POST", "/api/v1/messages/receipts/" + receiptId + "/ack", TestTokens.token(PROBATION),
                Map.of("Content-Type", "application/jose"), ack.getBytes(StandardCharsets.US_ASCII)).statusCode())
                .isEqualTo(204);
        assertThat(receipts(api, PROBATION)).doesNotContain(receiptId);
        assertThat(api.send("POST", "/api/v1/messages/receipts/" + receiptId + "/ack", TestTokens.token(PROBATION),
                Map.of(), null).statusCode()).isEqualTo(409);
        // Still downloadable after the acknowledgement, like a copy.
        assertThat(api.get("/api/v1/messages/receipts/" + receiptId, TestTokens.token(PROBATION),
                "application/pkcs7-mime").body()).isEqualTo(download.body());
    }

    @Test
    void theCliPollsReceiptsOpensThemAndAcknowledgesThem(@TempDir Path work) throws Exception {
        ApiClient api = new ApiClient(port);
        String update = DemoParticipants.sample("ProbationCaseUpdate");
        String messageId = DemoParticipants.messageId(update);
        assertThat(api.send("POST", "/api/v1/messages", TestTokens.token(PROBATION),
                Map.of("Content-Type", "application/pkcs7-mime"), DemoParticipants.sealToGateway(update, PROBATION))
                .statusCode()).isEqualTo(202);
        String receiptId = awaitReceipt(api, new ParticipantHomes(Path.of("./target/api-test-data")).outbox(PROBATION)
                .resolve("receipt-" + messageId + ".p7m"));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Tsunagi.commandLine(name -> null);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute("poll", "--receipts", "--gateway", "https://localhost:" + port,
                "--participant", PROBATION, "--key", TestTokens.KEYS.resolve(PROBATION + "/key.pem").toString(),
                "--cert", TestTokens.KEYS.resolve(PROBATION + "/cert.pem").toString(),
                "--trust", TestTokens.KEYS.resolve("ca/cert.pem").toString(), "--out", work.toString());
        assertThat(status).as(out + " " + err).isZero();
        assertThat(out.toString()).contains(receiptId + " Receipt ");
        assertThat(Files.readString(work.resolve("receipt-" + receiptId + ".xml")))
                .contains("<RefersTo>" + messageId + "</RefersTo>", "<Outcome>ACCEPTED</Outcome>");
        assertThat(receipts(api, PROBATION)).as("every receipt polled was acknowledged").isEmpty();
    }

    @Test
    void anUnknownKindIsRefusedAndTheAuditorHasNoReceipts() {
        ApiClient api = new ApiClient(port);
        HttpResponse<byte[]> bad = api.get("/api/v1/messages?kind=everything", TestTokens.token(NAGOYA),
                "application/json");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ApiClient.problemType(bad)).endsWith("invalid-parameter");
        assertThat(api.get("/api/v1/messages?kind=receipt", TestTokens.token("auditor"), "application/json")
                .statusCode()).isEqualTo(403);
        // A sender that receives nothing still may not list copies.
        assertThat(api.get("/api/v1/messages", TestTokens.token(STATISTICS), "application/json").statusCode())
                .isEqualTo(403);
    }

    private String awaitReceipt(ApiClient api, Path sftpReceipt) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(sftpReceipt)) {
                Optional<String> id = receipts(api, PROBATION).stream().filter(r -> {
                    HttpResponse<byte[]> one = api.get("/api/v1/messages/receipts/" + r, TestTokens.token(PROBATION),
                            "application/pkcs7-mime");
                    return one.headers().firstValue("Content-Disposition").orElse("")
                            .contains(sftpReceipt.getFileName().toString());
                }).findFirst();
                if (id.isPresent()) {
                    return id.get();
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no receipt " + sftpReceipt.getFileName() + " within 60 s");
    }

    private static List<String> receipts(ApiClient api, String participant) {
        return ids(api, "/api/v1/messages?kind=receipt&limit=500", participant);
    }

    private static List<String> ids(ApiClient api, String listing, String participant) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<byte[]> page = api.get(listing + (cursor == null ? "" : "&cursor=" + cursor),
                    TestTokens.token(participant), "application/json");
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode body = ApiClient.json(page);
            body.path("items").forEach(i -> {
                if (listing.contains("kind=receipt")) {
                    assertThat(i.path("type").asText()).isEqualTo("Receipt");
                }
                ids.add(i.path("id").asText());
            });
            cursor = body.path("next").isNull() ? null : body.path("next").asText();
        } while (cursor != null);
        return ids;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
