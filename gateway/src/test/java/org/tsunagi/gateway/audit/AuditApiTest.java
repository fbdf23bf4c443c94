package org.tsunagi.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.tsunagi.routes.redaction.DisclosedField;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.ledger.LedgerEntry;
import org.tsunagi.gateway.ledger.LedgerEvent;
import org.tsunagi.gateway.security.PageCursor;
import org.tsunagi.routes.ledger.CanonicalJson;
import org.tsunagi.routes.ledger.Checkpoint;
import org.tsunagi.routes.ledger.CheckpointVerifier;
import org.tsunagi.routes.ledger.ConsistencyProof;
import org.tsunagi.routes.ledger.InclusionProof;
import org.tsunagi.routes.ledger.MerkleHashes;
import org.tsunagi.routes.ledger.SubjectKey;

/** The /api/v1/audit contract: roles, filters, paging, CSV, proofs, problem types, and the record of every query. */
@SpringBootTest(properties = {
        "server.port=0",
        "management.server.port=0",
        "tsunagi.sftp.port=0",
        "camel.springboot.main-run-controller=false",
        "tsunagi.ledger.checkpoint-key-file=../keys-example/gateway/checkpoint-ed25519.pem",
        "tsunagi.ledger.subject-key-file=../keys-example/gateway/subject-key.txt",
        "tsunagi.ledger.checkpoint-every-entries=1000000",
        "tsunagi.ledger.checkpoint-every=1h",
        "tsunagi.ledger.max-page-size=5"})
@AutoConfigureMockMvc
@Import(TestParticipantJwtSecurity.class)
class AuditApiTest {

    private static final String PROBLEM = "urn:tsunagi:problem:";

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("tsunagi-audit-api");
        registry.add("tsunagi.data-dir", dir::toString);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    DisclosureLedger ledger;

    @Autowired
    SubjectKey subjectKey;

    @Autowired
    JdbcTemplate jdbc;

    private final ObjectMapper json = new ObjectMapper();

    static JwtRequestPostProcessor auditor() {
        return jwt().jwt(j -> j.subject("auditor").issuer("auditor")).authorities(new SimpleGrantedAuthority("ROLE_AUDITOR"));
    }

    static JwtRequestPostProcessor recipient() {
        return jwt().jwt(j -> j.subject("231002").issuer("231002")).authorities(new SimpleGrantedAuthority("ROLE_RECIPIENT"));
    }

    @BeforeEach
    void twelveEvents() {
        if (ledger.size() > 0) {
            return;
        }
        List<LedgerEntry> entries = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            entries.add(new LedgerEntry.Builder(i % 3 == 2 ? LedgerEvent.REFUSED : LedgerEvent.DISCLOSED,
                            Instant.parse("2026-04-01T00:00:00Z").plusSeconds(3600L * i))
                    .messageId("msg-" + i).messageType("ReleaseNotice")
                    .sender("facility-nagoya").recipient(i % 2 == 0 ? "231002" : "230006")
                    .purpose("reintegration-support").legalBasis("Recidivism Prevention Act art. 24")
                    .subject(subjectKey.reference("inmate-number", i < 6 ? "AB-1111" : "AB-2222"))
                    .fields(List.of(new DisclosedField("ReleaseNotice/PlannedReleaseDate", "keep"),
                            new DisclosedField("ReleaseNotice/Person/Name", "pseudonym"))).build());
        }
        ledger.append(entries);
        ledger.integrateNow();
        ledger.checkpointIfBehind();
    }

    private long auditQueries() {
        ledger.integrateNow();
        return jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE event = 'AUDIT_QUERY'", Long.class);
    }

    private JsonNode lastAuditQuery() throws Exception {
        ledger.integrateNow();
        return json.readTree(jdbc.queryForObject(
                "SELECT entry_json FROM ledger_entry WHERE event = 'AUDIT_QUERY' ORDER BY idx DESC LIMIT 1", String.class));
    }

    @Test
    void anyParticipantGetsTheSignedCheckpointAndProofsThatVerify() throws Exception {
        String note = mvc.perform(get("/api/v1/audit/checkpoint").with(recipient()))
                .andExpect(status().isOk()).andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        Checkpoint checkpoint = CheckpointVerifier.fromPem(Path.of("../keys-example/gateway/checkpoint-ed25519.pub.pem"), null)
                .verify(note);
        assertThat(checkpoint.treeSize()).isGreaterThanOrEqualTo(12);
        long size = checkpoint.treeSize();

        JsonNode proof = json.readTree(mvc.perform(get("/api/v1/audit/proofs/inclusion").param("index", "3")
                        .param("treeSize", Long.toString(size)).with(recipient()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(proof.path("leafIndex").asLong()).isEqualTo(3);
        assertThat(proof.path("treeSize").asLong()).isEqualTo(size);
        String entry3 = ledger.entries(3, 4).get(0).canonicalJson();
        assertThat(new InclusionProof(3, size, hashes(proof))
                .verify(MerkleHashes.leaf(entry3.getBytes(StandardCharsets.UTF_8)), checkpoint.rootHash())).isTrue();

        JsonNode consistency = json.readTree(mvc.perform(get("/api/v1/audit/proofs/consistency").param("from", "5")
                        .param("to", Long.toString(size)).with(recipient()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(new ConsistencyProof(5, size, hashes(consistency)).verify(ledger.rootHash(5), checkpoint.rootHash())).isTrue();
    }

    @Test
    void badProofRequestsGetStableProblemTypes() throws Exception {
        long size = ledger.size();
        mvc.perform(get("/api/v1/audit/proofs/inclusion").param("index", "0").param("treeSize", Long.toString(size + 1))
                        .with(recipient()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEM + "invalid-tree-size"));
        mvc.perform(get("/api/v1/audit/proofs/inclusion").param("index", "5").param("treeSize", "5").with(recipient()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value(PROBLEM + "invalid-index"));
        mvc.perform(get("/api/v1/audit/proofs/inclusion").param("index", "1").with(recipient()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value(PROBLEM + "missing-parameter"));
        mvc.perform(get("/api/v1/audit/proofs/consistency").param("from", "x").param("to", "2").with(recipient()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value(PROBLEM + "invalid-parameter"));
        mvc.perform(get("/api/v1/audit/proofs/consistency").param("from", "3").param("to", "2").with(recipient()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value(PROBLEM + "invalid-tree-size"));
    }

    @Test
    void onlyAuditorsSearchAndARefusedSearchLeavesNoTrace() throws Exception {
        long before = auditQueries();
        mvc.perform(get("/api/v1/audit/disclosures").with(recipient())).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/audit/entries").with(recipient())).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/audit/subjects/inmate-number:AB-1111/report").with(recipient()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/audit/disclosures")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/audit/checkpoint")).andExpect(status().isUnauthorized());
        assertThat(auditQueries()).isEqualTo(before);
    }

    @Test
    void searchesFilterPageAndAreThemselvesRecorded() throws Exception {
        long before = auditQueries();
        MvcResult first = mvc.perform(get("/api/v1/audit/disclosures").param("recipient", "231002")
                        .param("event", "DISCLOSED").param("limit", "2").with(auditor()))
                .andExpect(status().isOk()).andReturn();
        JsonNode page = json.readTree(first.getResponse().getContentAsString());
        assertThat(page.path("items")).hasSize(2);
        assertThat(page.path("next").asText()).isNotEmpty();
        List<Long> indices = new ArrayList<>();
        String cursor = null;
        do {
            var request = get("/api/v1/audit/disclosures").param("recipient", "231002").param("event", "DISCLOSED")
                    .param("limit", "2").with(auditor());
            if (cursor != null) {
                request.param("cursor", cursor);
            }
            page = json.readTree(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
            for (JsonNode item : page.path("items")) {
                indices.add(item.path("index").asLong());
                assertThat(item.path("entry").path("recipient").asText()).isEqualTo("231002");
                assertThat(item.path("entry").path("event").asText()).isEqualTo("DISCLOSED");
                // The entry object is exactly what was hashed.
                assertThat(MerkleHashes.leaf(CanonicalJson.canonicalize(item.path("entry").toString())))
                        .isEqualTo(Base64.getDecoder().decode(item.path("leafHash").asText()));
            }
            cursor = page.path("next").isNull() ? null : page.path("next").asText();
        } while (cursor != null);
        assertThat(indices).containsExactly(0L, 4L, 6L, 10L);
        assertThat(auditQueries()).isEqualTo(before + 3);

        JsonNode recorded = lastAuditQuery();
        assertThat(recorded.path("actor").asText()).isEqualTo("auditor");
        assertThat(recorded.path("details").path("recipient").asText()).isEqualTo("231002");
        assertThat(recorded.path("details").path("events").asText()).isEqualTo("DISCLOSED");
        assertThat(recorded.path("details").path("results").asInt()).isEqualTo(2);
        assertThat(recorded.path("details").path("cursor").asText()).isEqualTo("4");

        mvc.perform(get("/api/v1/audit/disclosures").param("from", "2026-04-01T03:00:00Z").param("to", "2026-04-01T05:00:00Z")
                        .with(auditor()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[0].index").value(3)).andExpect(jsonPath("$.next").isEmpty());
    }

    @Test
    void subjectsAreSearchedByIdentifierWithoutTheIdentifierEverReachingTheLedger() throws Exception {
        String ref = subjectKey.reference("inmate-number", "AB-2222").hex();
        JsonNode report = json.readTree(mvc.perform(get("/api/v1/audit/subjects/inmate-number:ab-2222/report")
                        .param("limit", "5").with(auditor()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(report.path("subject").asText()).isEqualTo(ref);
        assertThat(report.path("items")).hasSize(5);
        assertThat(report.path("items").get(0).path("index").asLong()).isEqualTo(6);
        JsonNode recorded = lastAuditQuery();
        assertThat(recorded.path("subject").asText()).isEqualTo(ref);
        assertThat(recorded.path("details").path("query").asText()).isEqualTo("subject-report");
        assertThat(recorded.path("details").path("results").asInt()).isEqualTo(5);

        JsonNode byHex = json.readTree(mvc.perform(get("/api/v1/audit/disclosures").param("subject", ref)
                        .param("event", "DISCLOSED,REFUSED").with(auditor()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(byHex.path("items")).hasSize(5);
        assertThat(PageCursor.position(byHex.path("next").asText())).hasValue(10);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE UPPER(entry_json) LIKE '%AB-2222%'",
                Long.class)).isZero();
    }

    @Test
    void disclosuresComeAsCsvOnRequest() throws Exception {
        MvcResult result = mvc.perform(get("/api/v1/audit/disclosures").param("recipient", "230006").param("limit", "3")
                        .accept("text/csv").with(auditor()))
                .andExpect(status().isOk()).andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(header().string("X-Next-Cursor", PageCursor.after(5)))
                .andReturn();
        List<String> lines = result.getResponse().getContentAsString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).startsWith("index,time,event,messageId,copyId,messageType,sender,recipient,purpose");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("1,2026-04-01T01:00:00Z,DISCLOSED,msg-1,,ReleaseNotice,facility-nagoya,230006,"
                + "reintegration-support,Recidivism Prevention Act art. 24,");
        assertThat(lines.get(1)).contains("ReleaseNotice/PlannedReleaseDate:keep;ReleaseNotice/Person/Name:pseudonym");
    }

    @Test
    void badFiltersAreRefusedWithTheirOwnProblemType() throws Exception {
        long before = auditQueries();
        mvc.perform(get("/api/v1/audit/disclosures").param("event", "LEAKED").with(auditor()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value(PROBLEM + "invalid-event"));
        mvc.perform(get("/api/v1/audit/disclosures").param("from", "yesterday").with(auditor()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value(PROBLEM + "invalid-time-range"));
        mvc.perform(get("/api/v1/audit/disclosures").param("subject", "Taro Yamada").with(auditor()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value(PROBLEM + "invalid-subject"));
        mvc.perform(get("/api/v1/audit/disclosures").param("recipeint", "231002").with(auditor()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value(PROBLEM + "invalid-parameter"));
        mvc.perform(get("/api/v1/audit/disclosures").param("cursor", "-4").with(auditor()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value(PROBLEM + "invalid-cursor"));
        mvc.perform(get("/api/v1/audit/disclosures").param("limit", "6").with(auditor()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value(PROBLEM + "invalid-limit"));
        mvc.perform(get("/api/v1/audit/entries").param("start", "4").param("end", "2").with(auditor()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value(PROBLEM + "invalid-range"));
        assertThat(auditQueries()).isEqualTo(before);
    }

    @Test
    void rawEntriesArePagedUpToTheRequestedEnd() throws Exception {
        mvc.perform(get("/api/v1/audit/entries").param("start", "0").param("end", "12").with(auditor()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items.length()").value(5))
                .andExpect(jsonPath("$.items[4].index").value(4)).andExpect(jsonPath("$.next").value(PageCursor.after(4)));
        mvc.perform(get("/api/v1/audit/entries").param("start", "10").param("end", "12").with(auditor()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.next").isEmpty());
    }

    @Test
    void rawEntriesFollowTheOpaqueCursorOfThePreviousPage() throws Exception {
        JsonNode second = json.readTree(mvc.perform(get("/api/v1/audit/entries").param("end", "12")
                        .param("cursor", PageCursor.after(4)).with(auditor()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

        assertThat(second.path("items").get(0).path("index").asLong()).isEqualTo(5);
        assertThat(PageCursor.position(second.path("next").asText())).hasValue(9);
        mvc.perform(get("/api/v1/audit/entries").param("start", "0").param("cursor", PageCursor.after(4))
                        .with(auditor()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value(PROBLEM + "invalid-range"));
    }

    @Test
    void entryRangesOutsideTheTreeAreRefusedWithoutOverflowOrTrace() throws Exception {
        long before = auditQueries();
        long size = ledger.size();
        String[][] ranges = {
                {"9223372036854775000", "9223372036854775807"},
                {"0", "9223372036854775807"},
                {"-1", "3"},
                {String.valueOf(size + 1), String.valueOf(size + 2)},
                {"0", String.valueOf(size + 1)}};
        for (String[] range : ranges) {
            mvc.perform(get("/api/v1/audit/entries").param("start", range[0]).param("end", range[1]).with(auditor()))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value(PROBLEM + "invalid-range"))
                    .andExpect(jsonPath("$.next").doesNotExist());
        }
        mvc.perform(get("/api/v1/audit/entries").param("cursor", PageCursor.after(999_999_999_999_999_999L)).with(auditor()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value(PROBLEM + "invalid-range"));
        assertThat(auditQueries()).isEqualTo(before);
        assertThat(ledger.size()).isEqualTo(size);
    }

    @Test
    void filtersMustNameKnownValuesAndNothingElseReachesTheLedger() throws Exception {
        long before = auditQueries();
        String[][] refused = {
                {"sender", "nobody-registered", "invalid-sender"},
                {"recipient", "1961-07-15", "invalid-recipient"},
                {"purpose", "1961-07-15", "invalid-purpose"},
                {"event", "1961-07-15", "invalid-event"},
                {"subject", "1961-07-15", "invalid-subject"},
                {"cursor", "1961-07-15", "invalid-cursor"}};
        for (String[] filter : refused) {
            mvc.perform(get("/api/v1/audit/disclosures").param(filter[0], filter[1]).with(auditor()))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value(PROBLEM + filter[2]));
        }
        assertThat(auditQueries()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE entry_json LIKE '%1961-07-15%'"
                + " OR entry_json LIKE '%nobody-registered%'", Long.class)).isZero();
    }

    @Test
    void theAuditQueryEntryRecordsOnlyTheCheckedFilters() throws Exception {
        String ref = subjectKey.reference("inmate-number", "AB-1111").hex();
        mvc.perform(get("/api/v1/audit/disclosures").param("subject", "inmate-number:AB-1111")
                        .param("sender", " facility-nagoya ").param("recipient", "231002")
                        .param("purpose", "welfare-support").param("event", "disclosed,refused")
                        .param("from", "2026-04-01T00:00:00Z").param("to", "2026-05-01T00:00:00Z")
                        .param("cursor", PageCursor.after(2)).param("limit", "3").with(auditor()))
                .andExpect(status().isOk());

        JsonNode recorded = lastAuditQuery();
        assertThat(recorded.path("subject").asText()).isEqualTo(ref);
        JsonNode details = recorded.path("details");
        assertThat(details.fieldNames()).toIterable().containsExactlyInAnyOrder("query", "sender", "recipient",
                "purpose", "events", "from", "to", "cursor", "results");
        assertThat(details.path("sender").asText()).isEqualTo("facility-nagoya");
        assertThat(details.path("recipient").asText()).isEqualTo("231002");
        assertThat(details.path("purpose").asText()).isEqualTo("welfare-support");
        assertThat(details.path("events").asText()).isEqualTo("DISCLOSED,REFUSED");
        assertThat(details.path("from").asText()).isEqualTo("2026-04-01T00:00:00Z");
        assertThat(details.path("cursor").asLong()).isEqualTo(2);
        assertThat(recorded.toString()).doesNotContain("AB-1111", "inmate-number");
    }

    @Test
    void springMvcRefusalsOfTheAuditApiAreProblemJson() throws Exception {
        mvc.perform(post("/api/v1/audit/entries").with(auditor()))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEM + "method-not-allowed"));
        mvc.perform(get("/api/v1/audit/nothing-here").with(auditor()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEM + "not-found"));
        mvc.perform(get("/api/v1/audit/entries").param("end", "soon").with(auditor()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(PROBLEM + "invalid-parameter"));
    }

    private static List<byte[]> hashes(JsonNode proof) {
        List<byte[]> hashes = new ArrayList<>();
        proof.path("hashes").forEach(h -> hashes.add(Base64.getDecoder().decode(h.asText())));
        return hashes;
    }
}
