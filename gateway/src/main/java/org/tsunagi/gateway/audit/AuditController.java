package org.tsunagi.gateway.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.ledger.EntryFilter;
import org.tsunagi.gateway.ledger.LedgerEntry;
import org.tsunagi.gateway.ledger.LedgerEvent;
import org.tsunagi.gateway.ledger.LedgerProperties;
import org.tsunagi.gateway.ledger.StoredEntry;
import org.tsunagi.routes.ledger.ConsistencyProof;
import org.tsunagi.routes.ledger.InclusionProof;
import org.tsunagi.routes.ledger.SubjectKey;
import org.tsunagi.routes.ledger.SubjectReference;

/**
 * {@code /api/v1/audit}: checkpoints and proofs for every participant; searches, subject reports and raw entries for
 * auditors. Every auditor query is itself appended to the ledger as an AUDIT_QUERY entry (who, filters, result count).
 */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

    static final String TEXT_CSV = "text/csv";
    private static final String ANY_PARTICIPANT = "hasAnyRole('AUDITOR', 'SENDER', 'RECIPIENT')";
    private static final String AUDITOR = "hasRole('AUDITOR')";

    private final DisclosureLedger ledger;
    private final SubjectKey subjectKey;
    private final int maxPage;
    private final DisclosureCsv csv = new DisclosureCsv();

    public AuditController(DisclosureLedger ledger, SubjectKey subjectKey, LedgerProperties properties) {
        this.ledger = ledger;
        this.subjectKey = subjectKey;
        this.maxPage = properties.maxPageSize();
    }

    record Page(List<EntryItem> items, String next) {
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
        String note = ledger.latestCheckpoint().orElseThrow(() -> new AuditProblem(HttpStatus.SERVICE_UNAVAILABLE,
                "no-checkpoint", "no checkpoint has been signed yet"));
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8)).body(note);
    }

    @GetMapping(value = "/proofs/inclusion", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(ANY_PARTICIPANT)
    public InclusionBody inclusion(@RequestParam long index, @RequestParam long treeSize) {
        long size = ledger.size();
        if (treeSize < 1 || treeSize > size) {
            throw AuditProblem.badRequest("invalid-tree-size", "treeSize must be between 1 and the ledger size " + size);
        }
        if (index < 0 || index >= treeSize) {
            throw AuditProblem.badRequest("invalid-index", "index must be between 0 and treeSize - 1");
        }
        InclusionProof proof = ledger.inclusionProof(index, treeSize);
        return new InclusionBody(proof.leafIndex(), proof.treeSize(), base64(proof.hashes()));
    }

    @GetMapping(value = "/proofs/consistency", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(ANY_PARTICIPANT)
    public ConsistencyBody consistency(@RequestParam long from, @RequestParam long to) {
        long size = ledger.size();
        if (from < 0 || to < from || to > size) {
            throw AuditProblem.badRequest("invalid-tree-size", "need 0 <= from <= to <= the ledger size " + size);
        }
        ConsistencyProof proof = ledger.consistencyProof(from, to);
        return new ConsistencyBody(proof.fromSize(), proof.toSize(), base64(proof.hashes()));
    }

    @GetMapping(value = "/entries", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(AUDITOR)
    public Page entries(@RequestParam(defaultValue = "0") long start, @RequestParam(required = false) Long end,
                        Authentication auditor) {
        long size = ledger.size();
        long wanted = end == null ? size : end;
        if (start < 0 || wanted < start) {
            throw AuditProblem.badRequest("invalid-range", "need 0 <= start <= end");
        }
        long limit = Math.min(wanted, size);
        long stop = Math.min(limit, start + maxPage);
        List<EntryItem> items = start >= stop ? List.of() : ledger.entries(start, stop).stream().map(EntryItem::of).toList();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("query", "entries");
        details.put("start", start);
        details.put("end", stop);
        details.put("results", items.size());
        record(auditor, null, details);
        return new Page(items, stop < limit ? Long.toString(stop) : null);
    }

    @GetMapping(value = "/disclosures", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(AUDITOR)
    public Page disclosures(@RequestParam Map<String, String> query, @RequestParam(required = false) List<String> event,
                            Authentication auditor) {
        Search search = search(query, event, auditor);
        return new Page(search.items().stream().map(EntryItem::of).toList(), search.next());
    }

    @GetMapping(value = "/disclosures", produces = TEXT_CSV)
    @PreAuthorize(AUDITOR)
    public ResponseEntity<String> disclosuresCsv(@RequestParam Map<String, String> query,
                                                 @RequestParam(required = false) List<String> event, Authentication auditor) {
        Search search = search(query, event, auditor);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8));
        if (search.next() != null) {
            response.header("X-Next-Cursor", search.next());
        }
        return response.body(csv.write(search.items()));
    }

    /** {ref}: the 64-hex subject reference, or {@code scheme:value} identifiers from which the gateway computes it. */
    @GetMapping(value = "/subjects/{ref}/report", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(AUDITOR)
    public SubjectReport subjectReport(@PathVariable String ref, @RequestParam(required = false) String cursor,
                                       @RequestParam(required = false) Integer limit, Authentication auditor) {
        SubjectReference subject = subject(ref);
        int pageSize = pageSize(limit);
        List<StoredEntry> found = ledger.search(EntryFilter.subject(subject), cursor(cursor), pageSize + 1);
        List<StoredEntry> items = found.subList(0, Math.min(found.size(), pageSize));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("query", "subject-report");
        details.put("results", items.size());
        record(auditor, subject, details);
        String next = found.size() > pageSize ? Long.toString(items.get(items.size() - 1).index()) : null;
        return new SubjectReport(subject.hex(), items.stream().map(EntryItem::of).toList(), next);
    }

    private record Search(List<StoredEntry> items, String next) {
    }

    private static final Set<String> SEARCH_PARAMETERS =
            Set.of("subject", "sender", "recipient", "purpose", "event", "from", "to", "cursor", "limit");

    private Search search(Map<String, String> query, List<String> eventNames, Authentication auditor) {
        for (String name : query.keySet()) {
            if (!SEARCH_PARAMETERS.contains(name)) {
                // A mistyped filter must not silently widen the search.
                throw AuditProblem.badRequest("invalid-parameter", "unknown filter '" + name + "'; filters are " + SEARCH_PARAMETERS);
            }
        }
        SubjectReference subject = query.get("subject") == null ? null : subject(query.get("subject"));
        Set<LedgerEvent> events = events(eventNames);
        Instant from = instant(query.get("from"), "from");
        Instant to = instant(query.get("to"), "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw AuditProblem.badRequest("invalid-time-range", "'from' must be before 'to'");
        }
        EntryFilter filter = new EntryFilter(subject, blankToNull(query.get("sender")), blankToNull(query.get("recipient")),
                blankToNull(query.get("purpose")), events, from, to);
        int pageSize = pageSize(query.get("limit") == null ? null : integer(query.get("limit")));
        List<StoredEntry> found = ledger.search(filter, cursor(query.get("cursor")), pageSize + 1);
        List<StoredEntry> items = found.subList(0, Math.min(found.size(), pageSize));

        // The record names the filters, never plaintext identifiers: a subject is logged as its reference.
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("query", "disclosures");
        putIfPresent(details, "sender", filter.sender());
        putIfPresent(details, "recipient", filter.recipient());
        putIfPresent(details, "purpose", filter.purpose());
        if (events != null) {
            details.put("events", String.join(",", events.stream().map(Enum::name).sorted().toList()));
        }
        putIfPresent(details, "from", from == null ? null : from.toString());
        putIfPresent(details, "to", to == null ? null : to.toString());
        putIfPresent(details, "cursor", query.get("cursor"));
        details.put("results", items.size());
        record(auditor, subject, details);
        String next = found.size() > pageSize ? Long.toString(items.get(items.size() - 1).index()) : null;
        return new Search(items, next);
    }

    private void record(Authentication auditor, SubjectReference subject, Map<String, Object> details) {
        ledger.append(new LedgerEntry.Builder(LedgerEvent.AUDIT_QUERY, Instant.now()).actor(auditor.getName())
                .subject(subject).details(details).build());
    }

    private SubjectReference subject(String text) {
        try {
            String lower = text.trim();
            if (lower.matches("[0-9a-fA-F]{64}")) {
                return new SubjectReference(lower.toLowerCase(Locale.ROOT));
            }
            return subjectKey.reference(lower);
        } catch (IllegalArgumentException e) {
            throw AuditProblem.badRequest("invalid-subject", "subject must be a 64-hex reference or scheme:value");
        }
    }

    private static Set<LedgerEvent> events(List<String> names) {
        if (names == null || names.isEmpty()) {
            return null;
        }
        Set<LedgerEvent> events = EnumSet.noneOf(LedgerEvent.class);
        for (String list : names) {
            for (String name : list.split(",")) {
                try {
                    events.add(LedgerEvent.valueOf(name.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw AuditProblem.badRequest("invalid-event", "unknown event type; one of " + EnumSet.allOf(LedgerEvent.class));
                }
            }
        }
        return events;
    }

    private static Instant instant(String text, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw AuditProblem.badRequest("invalid-time-range", "'" + name + "' must be an ISO-8601 instant such as 2026-04-01T00:00:00Z");
        }
    }

    private static long cursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return -1;
        }
        try {
            long value = Long.parseLong(cursor.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw AuditProblem.badRequest("invalid-cursor", "cursor must be the 'next' value of a previous page");
        }
    }

    private int pageSize(Integer limit) {
        if (limit == null) {
            return maxPage;
        }
        if (limit < 1 || limit > maxPage) {
            throw AuditProblem.badRequest("invalid-limit", "limit must be between 1 and " + maxPage);
        }
        return limit;
    }

    private static int integer(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw AuditProblem.badRequest("invalid-limit", "limit must be an integer");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static void putIfPresent(Map<String, Object> details, String key, String value) {
        if (value != null) {
            details.put(key, value);
        }
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(Base64.getEncoder()::encodeToString).toList();
    }
}
