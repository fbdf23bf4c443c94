package org.tsunagi.gateway.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.ledger.EntryFilter;
import org.tsunagi.gateway.ledger.LedgerEntry;
import org.tsunagi.gateway.ledger.LedgerEvent;
import org.tsunagi.gateway.ledger.LedgerProperties;
import org.tsunagi.gateway.ledger.StoredEntry;
import org.tsunagi.gateway.participants.ParticipantRegistry;
import org.tsunagi.gateway.security.ApiProblem;
import org.tsunagi.gateway.security.PageCursor;
import org.tsunagi.routes.ledger.ConsistencyProof;
import org.tsunagi.routes.ledger.InclusionProof;
import org.tsunagi.routes.ledger.SubjectKey;
import org.tsunagi.routes.ledger.SubjectReference;
import org.tsunagi.routes.redaction.Purpose;

/**
 * What the audit API does with the ledger: checks every request value (ranges within {@code 0..treeSize}, filters
 * that name a registered participant, a known purpose or event, a well-formed subject), pages with the API's one
 * cursor, and records each auditor query as an AUDIT_QUERY entry naming only checked values, never plaintext
 * identifiers (a subject is recorded as its reference).
 */
@Service
class AuditSearches {

    private static final Pattern SUBJECT_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final DisclosureLedger ledger;
    private final SubjectKey subjectKey;
    private final ParticipantRegistry participants;
    private final int maxPage;
    private final Clock clock;

    AuditSearches(DisclosureLedger ledger, SubjectKey subjectKey, ParticipantRegistry participants,
                  LedgerProperties properties, Clock clock) {
        this.ledger = ledger;
        this.subjectKey = subjectKey;
        this.participants = participants;
        this.maxPage = properties.maxPageSize();
        this.clock = clock;
    }

    /** A page of entries and the cursor of the next page (null on the last). */
    record Found(List<StoredEntry> items, String next) {
    }

    String checkpoint() {
        return ledger.latestCheckpoint().orElseThrow(() -> new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE,
                "no-checkpoint", "no checkpoint has been signed yet"));
    }

    InclusionProof inclusion(long index, long treeSize) {
        long size = ledger.size();
        if (treeSize < 1 || treeSize > size) {
            throw ApiProblem.badRequest("invalid-tree-size", "treeSize must be between 1 and the ledger size " + size);
        }
        if (index < 0 || index >= treeSize) {
            throw ApiProblem.badRequest("invalid-index", "index must be between 0 and treeSize - 1");
        }
        return ledger.inclusionProof(index, treeSize);
    }

    ConsistencyProof consistency(long from, long to) {
        long size = ledger.size();
        if (from < 0 || to < from || to > size) {
            throw ApiProblem.badRequest("invalid-tree-size", "need 0 <= from <= to <= the ledger size " + size);
        }
        return ledger.consistencyProof(from, to);
    }

    /**
     * The raw entries {@code [start, end)}, at most one page; {@code cursor} (a previous page's {@code next})
     * replaces {@code start}. Every bound must lie within {@code 0..treeSize}: nothing is clamped or computed
     * beyond it, so no arithmetic can overflow.
     */
    Found entries(Long start, Long end, String cursor, String auditor) {
        long size = ledger.size();
        OptionalLong after = PageCursor.position(cursor);
        if (after.isPresent() && start != null) {
            throw ApiProblem.badRequest("invalid-range", "give either start or cursor, not both");
        }
        long first = after.isPresent() ? after.getAsLong() + 1 : start == null ? 0 : start;
        long last = end == null ? size : end;
        if (first < 0 || first > size || last < first || last > size) {
            throw ApiProblem.badRequest("invalid-range", "need 0 <= start <= end <= the ledger size " + size);
        }
        long stop = last - first > maxPage ? first + maxPage : last;
        List<StoredEntry> items = first == stop ? List.of() : ledger.entries(first, stop);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("query", "entries");
        details.put("start", first);
        details.put("end", stop);
        details.put("results", items.size());
        record(auditor, null, details);
        return new Found(items, stop < last ? PageCursor.after(stop - 1) : null);
    }

    Found disclosures(DisclosureFilters query, Set<String> parameterNames, String auditor) {
        for (String name : parameterNames) {
            if (!DisclosureFilters.NAMES.contains(name)) {
                throw ApiProblem.badRequest("invalid-parameter",
                        "unknown filter; filters are " + DisclosureFilters.NAMES.stream().sorted().toList());
            }
        }
        SubjectReference subject = blank(query.subject()) ? null : subject(query.subject());
        String sender = participant(query.sender(), "sender");
        String recipient = participant(query.recipient(), "recipient");
        String purpose = purpose(query.purpose());
        Set<LedgerEvent> events = events(query.event());
        Instant from = instant(query.from(), "from");
        Instant to = instant(query.to(), "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiProblem.badRequest("invalid-time-range", "'from' must be before 'to'");
        }
        int pageSize = pageSize(query.limit());
        OptionalLong after = PageCursor.position(query.cursor());
        EntryFilter filter = new EntryFilter(subject, sender, recipient, purpose, events, from, to);
        Found found = page(filter, after, pageSize);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("query", "disclosures");
        putIfPresent(details, "sender", sender);
        putIfPresent(details, "recipient", recipient);
        putIfPresent(details, "purpose", purpose);
        if (events != null) {
            details.put("events", String.join(",", events.stream().map(Enum::name).sorted().toList()));
        }
        putIfPresent(details, "from", from == null ? null : from.toString());
        putIfPresent(details, "to", to == null ? null : to.toString());
        if (after.isPresent()) {
            details.put("cursor", after.getAsLong());
        }
        details.put("results", found.items().size());
        record(auditor, subject, details);
        return found;
    }

    /** Every entry about one person; {@code ref} as in {@link #subject(String)}. */
    SubjectReportPage subjectReport(String ref, String cursor, Integer limit, String auditor) {
        SubjectReference subject = subject(ref);
        int pageSize = pageSize(limit == null ? null : limit.toString());
        OptionalLong after = PageCursor.position(cursor);
        Found found = page(EntryFilter.subject(subject), after, pageSize);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("query", "subject-report");
        if (after.isPresent()) {
            details.put("cursor", after.getAsLong());
        }
        details.put("results", found.items().size());
        record(auditor, subject, details);
        return new SubjectReportPage(subject, found);
    }

    record SubjectReportPage(SubjectReference subject, Found found) {
    }

    /**
     * Waits briefly until every entry committed before the request has its index, so that a search or a proof right
     * after a download or an acknowledgement finds it; answers 503 with Retry-After when the integrator lags.
     */
    static void requireIntegrated(DisclosureLedger ledger) {
        if (!ledger.awaitIntegrated()) {
            ApiProblem notYet = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "ledger-integration-pending",
                    "entries written a moment ago have no ledger index yet; retry after the Retry-After seconds");
            notYet.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            throw notYet;
        }
    }

    private Found page(EntryFilter filter, OptionalLong after, int pageSize) {
        requireIntegrated(ledger);
        List<StoredEntry> found = ledger.search(filter, after.orElse(-1), pageSize + 1);
        List<StoredEntry> items = found.subList(0, Math.min(found.size(), pageSize));
        String next = found.size() > pageSize ? PageCursor.after(items.get(items.size() - 1).index()) : null;
        return new Found(List.copyOf(items), next);
    }

    private void record(String auditor, SubjectReference subject, Map<String, Object> details) {
        ledger.append(new LedgerEntry.Builder(LedgerEvent.AUDIT_QUERY, clock.instant()).actor(auditor)
                .subject(subject).details(details).build());
    }

    /** The 64-hex subject reference, or {@code scheme:value} identifiers from which the gateway computes it. */
    private SubjectReference subject(String text) {
        String trimmed = text.trim();
        try {
            if (SUBJECT_HEX.matcher(trimmed).matches()) {
                return new SubjectReference(trimmed.toLowerCase(Locale.ROOT));
            }
            return subjectKey.reference(trimmed);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("invalid-subject", "subject must be a 64-hex reference or scheme:value");
        }
    }

    private String participant(String id, String name) {
        if (blank(id)) {
            return null;
        }
        String trimmed = id.trim();
        if (participants.find(trimmed).isEmpty()) {
            throw ApiProblem.badRequest("invalid-" + name, name + " must be a registered participant id");
        }
        return trimmed;
    }

    private static String purpose(String id) {
        if (blank(id)) {
            return null;
        }
        return Purpose.byId(id.trim()).map(Purpose::id).orElseThrow(() -> ApiProblem.badRequest("invalid-purpose",
                "purpose must be one of " + EnumSet.allOf(Purpose.class).stream().map(Purpose::id).toList()));
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
                    throw ApiProblem.badRequest("invalid-event",
                            "unknown event type; one of " + EnumSet.allOf(LedgerEvent.class));
                }
            }
        }
        return events;
    }

    private static Instant instant(String text, String name) {
        if (blank(text)) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("invalid-time-range",
                    "'" + name + "' must be an ISO-8601 instant such as 2026-04-01T00:00:00Z");
        }
    }

    private int pageSize(String limit) {
        if (blank(limit)) {
            return maxPage;
        }
        int value;
        try {
            value = Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("invalid-limit", "limit must be an integer");
        }
        if (value < 1 || value > maxPage) {
            throw ApiProblem.badRequest("invalid-limit", "limit must be between 1 and " + maxPage);
        }
        return value;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static void putIfPresent(Map<String, Object> details, String key, String value) {
        if (value != null) {
            details.put(key, value);
        }
    }
}
