package org.tsunagi.gateway.audit;

import io.swagger.v3.oas.annotations.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tsunagi.routes.ledger.ConsistencyProof;
import org.tsunagi.routes.ledger.InclusionProof;

/**
 * {@code /api/v1/audit}: checkpoints and proofs for every participant; searches, subject reports and raw entries for
 * auditors. {@link AuditSearches} checks, searches, pages and records each auditor query in the ledger.
 */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

    static final String TEXT_CSV = "text/csv";
    private static final MediaType TEXT_CSV_UTF8 = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final MediaType TEXT_PLAIN_UTF8 = new MediaType("text", "plain", StandardCharsets.UTF_8);
    private static final String ANY_PARTICIPANT = "hasAnyRole('AUDITOR', 'SENDER', 'RECIPIENT')";
    private static final String AUDITOR = "hasRole('AUDITOR')";

    private final AuditSearches searches;
    private final DisclosureCsv csv = new DisclosureCsv();

    AuditController(AuditSearches searches) {
        this.searches = searches;
    }

    record Page(List<EntryItem> items, String next) {

        static Page of(AuditSearches.Found found) {
            return new Page(found.items().stream().map(EntryItem::of).toList(), found.next());
        }
    }

    record SubjectReport(String subject, List<EntryItem> items, String next) {
    }

    record InclusionBody(long leafIndex, long treeSize, List<String> hashes) {
    }

    record ConsistencyBody(long fromSize, long treeSize, List<String> hashes) {
    }

    @GetMapping(value = "/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
    @PreAuthorize(ANY_PARTICIPANT)
    public ResponseEntity<String> checkpoint() {
        return ResponseEntity.ok().contentType(TEXT_PLAIN_UTF8).body(searches.checkpoint());
    }

    @GetMapping(value = "/proofs/inclusion", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(ANY_PARTICIPANT)
    public InclusionBody inclusion(@RequestParam long index, @RequestParam long treeSize) {
        InclusionProof proof = searches.inclusion(index, treeSize);
        return new InclusionBody(proof.leafIndex(), proof.treeSize(), base64(proof.hashes()));
    }

    @GetMapping(value = "/proofs/consistency", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(ANY_PARTICIPANT)
    public ConsistencyBody consistency(@RequestParam long from, @RequestParam long to) {
        ConsistencyProof proof = searches.consistency(from, to);
        return new ConsistencyBody(proof.fromSize(), proof.toSize(), base64(proof.hashes()));
    }

    @GetMapping(value = "/entries", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(AUDITOR)
    public Page entries(@RequestParam(required = false) Long start, @RequestParam(required = false) Long end,
                        @RequestParam(required = false) String cursor, Authentication auditor) {
        return Page.of(searches.entries(start, end, cursor, auditor.getName()));
    }

    @GetMapping(value = "/disclosures", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(AUDITOR)
    public Page disclosures(@ParameterObject @ModelAttribute DisclosureFilters filters,
                            @Parameter(hidden = true) @RequestParam Map<String, String> parameters,
                            Authentication auditor) {
        return Page.of(searches.disclosures(filters, parameters.keySet(), auditor.getName()));
    }

    @GetMapping(value = "/disclosures", produces = TEXT_CSV)
    @PreAuthorize(AUDITOR)
    public ResponseEntity<String> disclosuresCsv(@ParameterObject @ModelAttribute DisclosureFilters filters,
                                                 @Parameter(hidden = true) @RequestParam Map<String, String> parameters,
                                                 Authentication auditor) {
        AuditSearches.Found found = searches.disclosures(filters, parameters.keySet(), auditor.getName());
        ResponseEntity.BodyBuilder response = ResponseEntity.ok().contentType(TEXT_CSV_UTF8);
        if (found.next() != null) {
            response.header("X-Next-Cursor", found.next());
        }
        return response.body(csv.write(found.items()));
    }

    /** {ref}: the 64-hex subject reference, or {@code scheme:value} identifiers from which the gateway computes it. */
    @GetMapping(value = "/subjects/{ref}/report", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(AUDITOR)
    public SubjectReport subjectReport(@PathVariable String ref, @RequestParam(required = false) String cursor,
                                       @RequestParam(required = false) Integer limit, Authentication auditor) {
        AuditSearches.SubjectReportPage report = searches.subjectReport(ref, cursor, limit, auditor.getName());
        Page page = Page.of(report.found());
        return new SubjectReport(report.subject().hex(), page.items(), page.next());
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(Base64.getEncoder()::encodeToString).toList();
    }
}
