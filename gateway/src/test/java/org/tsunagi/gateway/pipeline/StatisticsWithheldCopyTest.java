package org.tsunagi.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tsunagi.gateway.delivery.PendingCopy;
import org.tsunagi.gateway.statistics.StatisticsReleases;
import org.tsunagi.routes.envelope.KeyMaterial;
import org.tsunagi.routes.pipeline.Decision;
import org.tsunagi.schemas.codec.MessageCodec;
import org.tsunagi.schemas.model.Receipt;
import org.tsunagi.schemas.model.ReceiptOutcome;

/**
 * One recipient's statistics copy is withheld, the others are sent: Otsu City (252018) already holds, for the
 * reference period, the area totals (Otsu 40) and the male-only table (Otsu men 39), released in an earlier report
 * that Aichi Prefecture and Nagoya City did not receive. A by-sex report would let Otsu compute 40 - 39 = 1 woman
 * whatever the copy hides, so Otsu's copy is withheld (STATISTICS_DISCLOSURE_RISK): recorded in the ledger, named
 * on the sender's acceptance receipt with the table, nothing in Otsu's outbox or API, nothing remembered for Otsu;
 * Aichi and Nagoya get their copies (downloaded over HTTPS here) and the memory keeps theirs.
 */
class StatisticsWithheldCopyTest extends PipelineTestBase {

    private static final String OTSU = "252018";
    private static final String AICHI = "230006";
    private static final String NAGOYA = "231002";
    private static final String YEAR = "2015";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    StatisticsReleases statistics;
    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    @Test
    void onlyTheRecipientThatCouldSubtractGetsNoCopyAndTheReceiptSaysWhichTable() throws Exception {
        // The earlier report, released to Otsu alone (nothing small in it: every cell printed).
        String earlier = StatisticsReports.report(YEAR, StatisticsReports.areaTotals() + StatisticsReports.maleOnly());
        statistics.remember(earlier.getBytes(StandardCharsets.UTF_8), "moj-stats",
                DemoParticipants.messageId(earlier), OTSU, earlier.replace("<To>tsunagi-gateway</To>",
                        "<To>" + OTSU + "</To>").getBytes(StandardCharsets.UTF_8), Instant.now());

        String report = StatisticsReports.report(YEAR, StatisticsReports.maleOnly() + StatisticsReports.bySex());
        String messageId = DemoParticipants.messageId(report);
        int otsuBefore = pending(OTSU).size();
        List<String> listedBefore = listing(OTSU);
        double withheldBefore = withheldCount();
        int otsuFilesBefore = fixture.outboxFiles(OTSU).size();
        StoredDecision decision = fixture.drop("moj-stats", DemoParticipants.sealToGateway(report, "moj-stats"));

        assertThat(decision.verdict()).as("the message is accepted: the others get their copies")
                .isEqualTo(Decision.Verdict.ACCEPTED);
        assertThat(decision.reasonCode()).isNull();
        assertThat(withheldCount() - withheldBefore).as("tsunagi_copies_withheld_total").isEqualTo(1.0);

        // Delivered: Aichi and Nagoya download their copy over HTTPS and open it; Otsu's women stay hidden there.
        for (String recipient : List.of(AICHI, NAGOYA)) {
            HttpResponse<byte[]> download = get("/api/v1/messages/" + copyOf(recipient, messageId), recipient,
                    "application/pkcs7-mime");
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(DemoParticipants.open(download.body(), recipient))
                    .contains("<To>" + recipient + "</To>", "<Count>512</Count>", "<Suppressed>SMALL_CELL</Suppressed>")
                    .doesNotContain("<Count>1</Count>", "<Count>39</Count>");
        }

        // Withheld: nothing for Otsu anywhere, neither in its outbox nor through the API.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_copy WHERE message_id = :m AND recipient_id = :r")
                .param("m", UUID.fromString(messageId)).param("r", OTSU).query(Long.class).single()).isZero();
        assertThat(pending(OTSU)).hasSize(otsuBefore);
        assertThat(fixture.outboxFiles(OTSU)).hasSize(otsuFilesBefore);
        assertThat(listing(OTSU)).as("Otsu's listing is as before the report").isEqualTo(listedBefore);
        for (String recipient : List.of(AICHI, NAGOYA)) {
            HttpResponse<byte[]> theirs = get("/api/v1/messages/" + copyOf(recipient, messageId), OTSU,
                    "application/pkcs7-mime");
            assertThat(theirs.statusCode()).as("another recipient's copy is not Otsu's to fetch").isEqualTo(404);
        }

        // The ledger: DISCLOSED for the two copies, REFUSED for Otsu with the reason and the table, no figure.
        List<Map<String, Object>> entries = fixture.ledger(messageId);
        assertThat(entries).filteredOn(e -> !"DELIVERED".equals(e.get("event")))
                .extracting(e -> e.get("event") + " " + e.get("recipient"))
                .containsExactlyInAnyOrder("DISCLOSED " + AICHI, "DISCLOSED " + NAGOYA, "REFUSED " + OTSU);
        assertThat(entries).filteredOn(e -> OTSU.equals(e.get("recipient"))).extracting(e -> e.get("event"))
                .containsExactly("REFUSED");
        Map<String, Object> refused = entries.stream().filter(e -> "REFUSED".equals(e.get("event"))).findFirst()
                .orElseThrow();
        assertThat(refused).containsEntry("reason", "STATISTICS_DISCLOSURE_RISK").containsEntry("sender", "moj-stats")
                .containsEntry("purpose", "planning-statistics")
                .containsEntry("legalBasis", "recidivism-prevention-act")
                .containsEntry("details", Map.of("stage", "REDACT", "tables", "2", "tableIds", "MUNI-SEX"))
                .doesNotContainKeys("sealedSha256", "fields", "copyId");

        // The receipt: accepted, and it names Otsu, the reason and the by-sex table (the report's second).
        String receiptXml = DemoParticipants.open(fixture.receipt(decision), "moj-stats");
        Receipt receipt = (Receipt) new MessageCodec().read(receiptXml.getBytes(StandardCharsets.UTF_8));
        assertThat(receipt.getOutcome()).isEqualTo(ReceiptOutcome.ACCEPTED);
        assertThat(receipt.getRefersTo()).isEqualTo(messageId);
        assertThat(receipt.getWithheldCopy()).singleElement().satisfies(w -> {
            assertThat(w.getRecipient()).isEqualTo(OTSU);
            assertThat(w.getReasonCode()).isEqualTo("STATISTICS_DISCLOSURE_RISK");
            assertThat(w.getTable()).singleElement().satisfies(t -> {
                assertThat(t.getPosition().intValue()).isEqualTo(2);
                assertThat(t.getTableId()).isEqualTo("MUNI-SEX");
                assertThat(t.getLine().intValue()).isEqualTo(StatisticsReports.lineOfTable(report, 2));
            });
        });
        assertThat(receiptXml).as("who got a copy stays none of the sender's business")
                .doesNotContain(AICHI, NAGOYA);

        // The memory: the two copies sent, nothing for Otsu (it was released nothing).
        assertThat(remembered(OTSU, messageId)).isZero();
        assertThat(remembered(AICHI, messageId)).isEqualTo(16);
        assertThat(remembered(NAGOYA, messageId)).isEqualTo(16);
    }

    /** The id of the recipient's copy of the message (the outbox allows one per recipient and message). */
    private UUID copyOf(String recipient, String messageId) {
        List<UUID> copies = jdbc.sql("SELECT copy_id FROM outbox_copy WHERE message_id = :m AND recipient_id = :r")
                .param("m", UUID.fromString(messageId)).param("r", recipient).query(UUID.class).list();
        assertThat(copies).as("one copy of " + messageId + " for " + recipient).hasSize(1);
        assertThat(pending(recipient)).extracting(PendingCopy::copyId).contains(copies.get(0));
        return copies.get(0);
    }

    private double withheldCount() {
        var counter = meters.find("tsunagi.copies.withheld").tag("reason", "STATISTICS_DISCLOSURE_RISK").counter();
        return counter == null ? 0 : counter.count();
    }

    private List<String> listing(String recipient) throws Exception {
        HttpResponse<byte[]> response = get("/api/v1/messages?limit=500", recipient, "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        JSON.readTree(response.body()).path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private long remembered(String recipient, String messageId) {
        return jdbc.sql("SELECT COUNT(*) FROM statistics_release WHERE recipient_id = :r AND message_id = :m")
                .param("r", recipient).param("m", messageId).query(Long.class).single();
    }

    /** A GET as the participant's system makes it: TLS trusting the demo CA, a bearer token signed with its key. */
    private HttpResponse<byte[]> get(String path, String participant, String accept) throws Exception {
        HttpClient http = DemoParticipants.https();
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .header("Authorization", "Bearer " + token(participant)).header("Accept", accept).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String token(String participant) throws Exception {
        PrivateKey key = KeyMaterial.privateKey(DemoParticipants.KEYS.resolve(participant).resolve("key.pem"));
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(participant).audience("tsunagi-gateway")
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(120)))
                .jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt;
        if (key instanceof ECPrivateKey ec) {
            jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims);
            jwt.sign(new ECDSASigner(ec));
        } else {
            jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.PS256), claims);
            jwt.sign(new RSASSASigner(key));
        }
        return jwt.serialize();
    }
}
