package org.tsunagi.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;
import org.tsunagi.gateway.delivery.DeliveryFormat;
import org.tsunagi.gateway.delivery.OutboundCopy;
import org.tsunagi.gateway.delivery.Outbox;
import org.tsunagi.gateway.delivery.OutboxEvent;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.ledger.EntryFilter;
import org.tsunagi.gateway.ledger.LedgerEvent;
import org.tsunagi.gateway.ledger.StoredEntry;

/** Listing, downloading in both forms, acknowledging, and what each leaves in the outbox and the ledger. */
@ApiTest
class DeliveryTest {

    static final String NAGOYA = "231002";
    static final String OTSU = "252018";

    @LocalServerPort
    int port;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    DisclosureLedger ledger;

    ApiClient api;
    TestCopies copies;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        copies = new TestCopies(outbox, transaction);
    }

    @Test
    void downloadsTheSealedCopyInBothFormsAndRecordsEachDelivery() {
        OutboundCopy copy = copies.enqueue(NAGOYA, "ReleaseNotice");
        String path = "/api/v1/messages/" + copy.copyId();

        HttpResponse<byte[]> cms = api.get(path, TestTokens.token(NAGOYA), "application/pkcs7-mime");
        HttpResponse<byte[]> jose = api.get(path, TestTokens.token(NAGOYA), "application/jose");

        assertThat(cms.statusCode()).isEqualTo(200);
        assertThat(cms.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/pkcs7-mime");
        assertThat(cms.body()).isEqualTo(copy.cms());
        assertThat(cms.headers().firstValue("Digest-SHA256")).hasValue(copy.cmsSha256());
        assertThat(jose.statusCode()).isEqualTo(200);
        assertThat(jose.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/jose");
        assertThat(new String(jose.body(), StandardCharsets.US_ASCII)).isEqualTo(copy.jose());
        assertThat(outbox.history(copy.copyId())).extracting(OutboxEvent::kind, OutboxEvent::format).containsExactly(
                org.assertj.core.groups.Tuple.tuple(OutboxEvent.Kind.DELIVERED, DeliveryFormat.CMS),
                org.assertj.core.groups.Tuple.tuple(OutboxEvent.Kind.DELIVERED, DeliveryFormat.JOSE));
        List<JsonNode> delivered = ledgerEntries(copy, LedgerEvent.DELIVERED);
        assertThat(delivered).hasSize(2);
        assertThat(delivered).extracting(e -> e.path("sealedSha256").asText())
                .containsExactly(copy.cmsSha256(), copy.joseSha256());
        assertThat(delivered.get(0).path("recipient").asText()).isEqualTo(NAGOYA);
        assertThat(delivered.get(0).path("messageId").asText()).isEqualTo(copy.messageId().toString());
        assertThat(delivered.get(0).path("purpose").asText()).isEqualTo("welfare-support");
        // Still pending until acknowledged: a lost download can be retried.
        assertThat(pendingIds(NAGOYA)).contains(copy.copyId().toString());
    }

    @Test
    void anotherTenantsCopyIsNotFoundExactlyLikeANonexistentOneAndNothingIsRecorded() {
        OutboundCopy otsu = copies.enqueue(OTSU, "ReleaseNotice");

        HttpResponse<byte[]> theirs = api.get("/api/v1/messages/" + otsu.copyId(), TestTokens.token(NAGOYA),
                "application/pkcs7-mime");
        HttpResponse<byte[]> missing = api.get("/api/v1/messages/" + UUID.randomUUID(), TestTokens.token(NAGOYA),
                "application/pkcs7-mime");
        HttpResponse<byte[]> malformed = api.get("/api/v1/messages/..%2F..%2Fetc", TestTokens.token(NAGOYA),
                "application/pkcs7-mime");
        HttpResponse<byte[]> ack = api.send("POST", "/api/v1/messages/" + otsu.copyId() + "/ack",
                TestTokens.token(NAGOYA), Map.of(), null);

        assertThat(theirs.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(ack.statusCode()).isEqualTo(404);
        assertThat(ApiClient.json(theirs).path("type")).isEqualTo(ApiClient.json(missing).path("type"));
        assertThat(ApiClient.json(theirs).path("detail")).isEqualTo(ApiClient.json(missing).path("detail"));
        assertThat(malformed.statusCode()).isIn(400, 404);
        assertThat(outbox.history(otsu.copyId())).isEmpty();
        assertThat(ledgerEntries(otsu, LedgerEvent.DELIVERED)).isEmpty();
        assertThat(pendingIds(NAGOYA)).doesNotContain(otsu.copyId().toString());
        assertThat(pendingIds(OTSU)).contains(otsu.copyId().toString());
    }

    @Test
    void listsPendingCopiesInPagesWithTheirTypeSizeAndTime() {
        List<OutboundCopy> mine = List.of(copies.enqueue("230006", "ReleaseNotice"),
                copies.enqueue("230006", "StatisticsReport"), copies.enqueue("230006", "ProbationCaseUpdate"));

        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<byte[]> page = api.get("/api/v1/messages?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    TestTokens.token("230006"), "application/json");
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode body = ApiClient.json(page);
            assertThat(body.path("items").size()).isLessThanOrEqualTo(2);
            body.path("items").forEach(items::add);
            cursor = body.path("next").isNull() ? null : body.path("next").asText();
            pages++;
        } while (cursor != null && pages < 100);

        for (OutboundCopy copy : mine) {
            JsonNode item = items.stream().filter(i -> i.path("id").asText().equals(copy.copyId().toString()))
                    .findFirst().orElseThrow();
            assertThat(item.path("type").asText()).isEqualTo(copy.messageType());
            assertThat(item.path("size").asLong()).isEqualTo(copy.size());
            assertThat(item.path("createdAt").asText()).isNotBlank();
        }
        assertThat(pages).isGreaterThanOrEqualTo(2);
        assertThat(ApiClient.problemType(api.get("/api/v1/messages?cursor=bogus!", TestTokens.token("230006"),
                "application/json"))).isEqualTo("urn:tsunagi:problem:invalid-cursor");
    }

    @Test
    void acknowledgesOnceWithASignedReceiptKeptAsEvidence() throws Exception {
        OutboundCopy copy = copies.enqueue(NAGOYA, "ReleaseNotice");
        String receipt = receipt(NAGOYA, "{\"id\":\"" + copy.copyId() + "\",\"sha256\":\"" + copy.cmsSha256() + "\"}");

        HttpResponse<byte[]> ack = api.send("POST", "/api/v1/messages/" + copy.copyId() + "/ack",
                TestTokens.token(NAGOYA), Map.of("Content-Type", "application/jose"), receipt.getBytes());
        HttpResponse<byte[]> again = api.send("POST", "/api/v1/messages/" + copy.copyId() + "/ack",
                TestTokens.token(NAGOYA), Map.of(), null);

        assertThat(ack.statusCode()).isEqualTo(204);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(ApiClient.problemType(again)).isEqualTo("urn:tsunagi:problem:already-acknowledged");
        assertThat(outbox.history(copy.copyId())).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(OutboxEvent.Kind.ACKNOWLEDGED);
            assertThat(event.receipt()).isEqualTo(receipt);
        });
        assertThat(ledgerEntries(copy, LedgerEvent.ACKNOWLEDGED)).singleElement()
                .satisfies(e -> assertThat(e.path("actor").asText()).isEqualTo(NAGOYA));
        assertThat(pendingIds(NAGOYA)).doesNotContain(copy.copyId().toString());
    }

    @Test
    void acknowledgesWithAnEmptyBody() {
        OutboundCopy copy = copies.enqueue(NAGOYA, "ReleaseNotice");

        HttpResponse<byte[]> ack = api.send("POST", "/api/v1/messages/" + copy.copyId() + "/ack",
                TestTokens.token(NAGOYA), Map.of(), null);

        assertThat(ack.statusCode()).isEqualTo(204);
        assertThat(outbox.find(copy.copyId(), NAGOYA).orElseThrow().acknowledged()).isTrue();
        assertThat(ledgerEntries(copy, LedgerEvent.ACKNOWLEDGED)).hasSize(1);
    }

    @Test
    void refusesAReceiptNotSignedByTheRecipientOrNotAboutThisCopy() throws Exception {
        OutboundCopy copy = copies.enqueue(NAGOYA, "ReleaseNotice");
        String aboutThis = "{\"id\":\"" + copy.copyId() + "\"}";

        for (String receipt : List.of(receipt("auditor", aboutThis),
                receipt(NAGOYA, "{\"id\":\"" + UUID.randomUUID() + "\"}"),
                receipt(NAGOYA, "{\"id\":\"" + copy.copyId() + "\",\"sha256\":\"" + "0".repeat(64) + "\"}"),
                "not a JWS")) {
            HttpResponse<byte[]> ack = api.send("POST", "/api/v1/messages/" + copy.copyId() + "/ack",
                    TestTokens.token(NAGOYA), Map.of("Content-Type", "application/jose"), receipt.getBytes());
            assertThat(ack.statusCode()).as(receipt).isEqualTo(400);
            assertThat(ApiClient.problemType(ack)).isEqualTo("urn:tsunagi:problem:invalid-receipt");
        }
        assertThat(outbox.find(copy.copyId(), NAGOYA).orElseThrow().acknowledged()).isFalse();
        assertThat(outbox.history(copy.copyId())).isEmpty();
        assertThat(ledgerEntries(copy, LedgerEvent.ACKNOWLEDGED)).isEmpty();
    }

    @Test
    void refusesAnUnavailableFormat() {
        OutboundCopy copy = copies.enqueue(NAGOYA, "ReleaseNotice");

        HttpResponse<byte[]> response = api.get("/api/v1/messages/" + copy.copyId(), TestTokens.token(NAGOYA),
                "application/xml");

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(ApiClient.problemType(response)).isEqualTo("urn:tsunagi:problem:not-acceptable");
        assertThat(outbox.history(copy.copyId())).isEmpty();
    }

    @Test
    void refusesTheFormTheRecipientDidNotRegisterNamingTheOneThereIsAndRecordsNothing() {
        OutboundCopy cmsOnly = copies.enqueue(NAGOYA, "ReleaseNotice", true, false);
        OutboundCopy joseOnly = copies.enqueue(NAGOYA, "ReleaseNotice", false, true);

        HttpResponse<byte[]> joseOfCms = api.get("/api/v1/messages/" + cmsOnly.copyId(), TestTokens.token(NAGOYA),
                "application/jose");
        HttpResponse<byte[]> cmsOfJose = api.get("/api/v1/messages/" + joseOnly.copyId(), TestTokens.token(NAGOYA),
                "application/pkcs7-mime");

        assertThat(joseOfCms.statusCode()).isEqualTo(406);
        assertThat(ApiClient.problemType(joseOfCms)).isEqualTo("urn:tsunagi:problem:form-not-registered");
        assertThat(ApiClient.json(joseOfCms).path("sealedAs").toString()).isEqualTo("[\"application/pkcs7-mime\"]");
        assertThat(cmsOfJose.statusCode()).isEqualTo(406);
        assertThat(ApiClient.json(cmsOfJose).path("sealedAs").toString()).isEqualTo("[\"application/jose\"]");
        assertThat(outbox.history(cmsOnly.copyId())).isEmpty();
        assertThat(outbox.history(joseOnly.copyId())).isEmpty();
        assertThat(ledgerEntries(cmsOnly, LedgerEvent.DELIVERED)).isEmpty();
        assertThat(ledgerEntries(joseOnly, LedgerEvent.DELIVERED)).isEmpty();
        assertThat(pendingIds(NAGOYA)).contains(cmsOnly.copyId().toString(), joseOnly.copyId().toString());
    }

    @Test
    void aSingleFormCopyIsDownloadedListedAndAcknowledgedInThatForm() throws Exception {
        OutboundCopy joseOnly = copies.enqueue(NAGOYA, "ReleaseNotice", false, true);
        String path = "/api/v1/messages/" + joseOnly.copyId();

        HttpResponse<byte[]> jose = api.get(path, TestTokens.token(NAGOYA), "application/jose");

        assertThat(jose.statusCode()).isEqualTo(200);
        assertThat(new String(jose.body(), StandardCharsets.US_ASCII)).isEqualTo(joseOnly.jose());
        assertThat(ledgerEntries(joseOnly, LedgerEvent.DELIVERED)).singleElement()
                .extracting(e -> e.path("sealedSha256").asText()).isEqualTo(joseOnly.joseSha256());
        assertThat(listedSize(NAGOYA, joseOnly.copyId())).isEqualTo(joseOnly.jose().length());
        HttpResponse<byte[]> ack = api.send("POST", path + "/ack", TestTokens.token(NAGOYA),
                Map.of("Content-Type", "application/jose"), receipt(NAGOYA, "{\"id\":\"" + joseOnly.copyId()
                        + "\",\"sha256\":\"" + joseOnly.joseSha256() + "\"}").getBytes(StandardCharsets.US_ASCII));
        assertThat(ack.statusCode()).isEqualTo(204);
        assertThat(ledgerEntries(joseOnly, LedgerEvent.ACKNOWLEDGED)).singleElement()
                .extracting(e -> e.path("sealedSha256").asText()).isEqualTo(joseOnly.joseSha256());
    }

    @Test
    void aSubmissionLandsAtomicallyInTheSendersInboxUnderItsSubmissionId() throws Exception {
        byte[] sealed = {0x30, (byte) 0x80, 1, 2, 3, 4, 5, 0, 0};

        HttpResponse<byte[]> response = api.send("POST", "/api/v1/messages", TestTokens.token("probation-nagoya"),
                Map.of("Content-Type", "application/pkcs7-mime"), sealed);

        assertThat(response.statusCode()).isEqualTo(202);
        String id = ApiClient.json(response).path("id").asText();
        assertThat(UUID.fromString(id)).isNotNull();
        Path inbox = Path.of("target/api-test-data/sftp/probation-nagoya/inbox");
        Path file = inbox.resolve(id + ".p7m");
        // The pipeline may already have taken it: then it is gone from the inbox, never half-written there.
        if (Files.exists(file)) {
            assertThat(Files.readAllBytes(file)).isEqualTo(sealed);
        }
        try (Stream<Path> files = Files.list(inbox)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void refusesAnEmptySubmissionAndTheWrongMediaType() {
        HttpResponse<byte[]> empty = api.send("POST", "/api/v1/messages", TestTokens.token("probation-nagoya"),
                Map.of("Content-Type", "application/pkcs7-mime"), new byte[0]);
        HttpResponse<byte[]> json = api.send("POST", "/api/v1/messages", TestTokens.token("probation-nagoya"),
                Map.of("Content-Type", "application/json"), "{}".getBytes());

        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(ApiClient.problemType(empty)).isEqualTo("urn:tsunagi:problem:empty-body");
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(ApiClient.problemType(json)).isEqualTo("urn:tsunagi:problem:unsupported-media-type");
    }

    private List<String> pendingIds(String participant) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode body = ApiClient.json(api.get("/api/v1/messages?limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor), TestTokens.token(participant), "application/json"));
            body.path("items").forEach(i -> ids.add(i.path("id").asText()));
            cursor = body.path("next").isNull() ? null : body.path("next").asText();
        } while (cursor != null);
        return ids;
    }

    private long listedSize(String participant, UUID copyId) {
        String cursor = null;
        do {
            JsonNode body = ApiClient.json(api.get("/api/v1/messages?limit=500"
                    + (cursor == null ? "" : "&cursor=" + cursor), TestTokens.token(participant), "application/json"));
            for (JsonNode item : body.path("items")) {
                if (item.path("id").asText().equals(copyId.toString())) {
                    return item.path("size").asLong();
                }
            }
            cursor = body.path("next").isNull() ? null : body.path("next").asText();
        } while (cursor != null);
        throw new AssertionError("copy " + copyId + " is not listed");
    }

    private List<JsonNode> ledgerEntries(OutboundCopy copy, LedgerEvent event) {
        ledger.integrateNow(); // what the requests committed, numbered now rather than at the integrator's next pass
        List<StoredEntry> found = ledger.search(new EntryFilter(null, null, copy.recipientId(), null, Set.of(event),
                null, null), -1, 10_000);
        return found.stream().map(e -> ApiClient.json(e.canonicalJson()))
                .filter(e -> copy.copyId().toString().equals(e.path("copyId").asText())).toList();
    }

    private static String receipt(String signer, String payload) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload(payload));
        jws.sign(new ECDSASigner((ECPrivateKey) TestTokens.key(TestTokens.keyFile(signer))));
        return jws.serialize();
    }
}
