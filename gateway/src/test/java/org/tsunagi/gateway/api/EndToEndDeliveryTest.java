package org.tsunagi.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.tsunagi.cli.Tsunagi;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.pipeline.DemoParticipants;
import org.tsunagi.gateway.sftp.EmbeddedSftpServer;
import org.tsunagi.gateway.sftp.OpenSshClient;
import org.tsunagi.routes.envelope.JoseEnvelope;
import org.tsunagi.routes.envelope.KeyMaterial;
import org.tsunagi.routes.envelope.SignerTrust;
import org.tsunagi.routes.envelope.SignerValidator;
import picocli.CommandLine;

/**
 * The story end to end: the facility drops a ReleaseNotice over SFTP (OpenSSH's client); Nagoya City polls
 * over HTTPS with curl and with the CLI, gets its redacted copy in both formats and acknowledges it; the ledger
 * shows DISCLOSED, DELIVERED and ACKNOWLEDGED; Otsu City sees nothing.
 */
@ApiTest
class EndToEndDeliveryTest {

    static final Path KEYS = TestTokens.KEYS;
    static final String NAGOYA = "231002";
    static final String OTSU = "252018";

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedSftpServer sftp;
    @Autowired
    DisclosureLedger ledger;
    @TempDir
    Path work;

    @Test
    void aReleaseNoticeDroppedOverSftpIsPolledOverHttpsInBothFormsAndAcknowledged() throws Exception {
        ApiClient api = new ApiClient(port);
        // Other tests of this context leave unsealed test copies pending for Nagoya: acknowledge them first, so
        // that the CLI poll below meets only the gateway's real copy.
        for (String leftover : pending(api, NAGOYA)) {
            assertThat(api.send("POST", "/api/v1/messages/" + leftover + "/ack", TestTokens.token(NAGOYA), Map.of(),
                    null).statusCode()).isEqualTo(204);
        }
        List<String> nagoyaBefore = pending(api, NAGOYA);
        List<String> otsuBefore = pending(api, OTSU);
        String notice = DemoParticipants.sample("ReleaseNotice");
        String messageId = DemoParticipants.messageId(notice);
        Path local = Files.write(work.resolve("notice.p7m"), DemoParticipants.sealToGateway(notice, "facility-nagoya"));

        OpenSshClient facility = OpenSshClient.as("facility-nagoya", "facility-nagoya", sftp.port(), work);
        OpenSshClient.Run upload = facility.sftp("cd inbox", "put " + local + " notice.p7m.part",
                "rename notice.p7m.part notice.p7m");
        assertThat(upload.succeeded()).as(upload.output()).isTrue();

        String copyId = awaitNewCopy(api, NAGOYA, nagoyaBefore);

        // curl, as in the README: a token from the CLI, the JOSE form.
        String token = cli("token", "--participant", NAGOYA, "--key", KEYS.resolve(NAGOYA + "/key.pem").toString())
                .strip();
        Process curl = new ProcessBuilder("curl", "-sS", "--fail-with-body", "--cacert",
                KEYS.resolve("ca/cert.pem").toString(), "-H", "Authorization: Bearer " + token,
                "-H", "Accept: application/jose", "https://localhost:" + port + "/api/v1/messages/" + copyId)
                .redirectErrorStream(true).start();
        String jwe = new String(curl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(curl.waitFor()).as(jwe).isZero();
        String joseXml = new String(new JoseEnvelope().open(jwe,
                KeyMaterial.credentials(KEYS.resolve(NAGOYA + "/cert.pem"), KEYS.resolve(NAGOYA + "/key.pem")),
                new SignerValidator(SignerTrust.of(List.of(KeyMaterial.certificate(KEYS.resolve("ca/cert.pem"))),
                        List.of(KEYS.resolve("ca/crl.pem"))))).content(), StandardCharsets.UTF_8);

        // The CMS form over HTTP/2, as any client would fetch it.
        HttpResponse<byte[]> cms = api.get("/api/v1/messages/" + copyId, TestTokens.token(NAGOYA),
                "application/pkcs7-mime");
        assertThat(cms.statusCode()).isEqualTo(200);
        String cmsXml = DemoParticipants.open(cms.body(), NAGOYA);

        // The CLI: download, open, write the XML, acknowledge.
        Path out = work.resolve("nagoya");
        String polled = cli("poll", "--gateway", "https://localhost:" + port, "--participant", NAGOYA,
                "--key", KEYS.resolve(NAGOYA + "/key.pem").toString(),
                "--cert", KEYS.resolve(NAGOYA + "/cert.pem").toString(),
                "--trust", KEYS.resolve("ca/cert.pem").toString(), "--out", out.toString());
        assertThat(polled).contains(copyId + " ReleaseNotice");
        String cliXml = Files.readString(out.resolve(copyId + ".xml"));

        for (String xml : List.of(joseXml, cmsXml, cliXml)) {
            assertThat(xml).contains(messageId, "<To>231002</To>", "<Purpose>welfare-support</Purpose>")
                    .doesNotContain("<VictimRelatedRemarks>", "NGY-2024-0153", "佐藤　和子");
        }
        assertThat(pending(api, NAGOYA)).doesNotContain(copyId);
        assertThat(pending(api, OTSU)).as("Otsu City sees nothing").containsExactlyElementsOf(otsuBefore);

        ledger.integrateNow(); // the downloads' and acknowledgements' entries, numbered now
        List<JsonNode> entries = ledger.entries(0, ledger.size()).stream()
                .map(e -> ApiClient.json(e.canonicalJson()))
                .filter(e -> messageId.equals(e.path("messageId").asText())).toList();
        List<String> nagoyaEvents = new ArrayList<>();
        entries.stream().filter(e -> NAGOYA.equals(e.path("recipient").asText()))
                .forEach(e -> nagoyaEvents.add(e.path("event").asText()));
        assertThat(nagoyaEvents).containsExactly("DISCLOSED", "DELIVERED", "DELIVERED", "DELIVERED", "ACKNOWLEDGED");
        assertThat(entries).noneMatch(e -> OTSU.equals(e.path("recipient").asText()));
        assertThat(entries.toString()).doesNotContain("佐藤", "NGY-2024-0153");
        assertThat(Set.copyOf(nagoyaEvents)).containsExactlyInAnyOrder("DISCLOSED", "DELIVERED", "ACKNOWLEDGED");
    }

    private String awaitNewCopy(ApiClient api, String participant, List<String> before) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<String> now = pending(api, participant);
            now.removeAll(before);
            if (!now.isEmpty()) {
                assertThat(now).hasSize(1);
                return now.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no copy reached " + participant + " within 60 s");
    }

    private static List<String> pending(ApiClient api, String participant) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<byte[]> page = api.get("/api/v1/messages?limit=500" + (cursor == null ? "" : "&cursor="
                    + cursor), TestTokens.token(participant), "application/json");
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode body = ApiClient.json(page);
            body.path("items").forEach(i -> ids.add(i.path("id").asText()));
            cursor = body.path("next").isNull() ? null : body.path("next").asText();
        } while (cursor != null);
        return ids;
    }

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Tsunagi.commandLine(name -> null);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute(args)).as(String.join(" ", args) + ": " + err).isZero();
        return out.toString();
    }
}
