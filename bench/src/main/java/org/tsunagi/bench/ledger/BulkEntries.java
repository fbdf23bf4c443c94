package org.tsunagi.bench.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.tsunagi.gateway.ledger.DisclosureLedger;
import org.tsunagi.gateway.ledger.LedgerEntry;
import org.tsunagi.gateway.ledger.SearchColumns;
import org.tsunagi.routes.ledger.SubjectKey;

/**
 * Entry {@code i} of {@link SyntheticLedger#entry} as its canonical JSON and search columns, at a bulk load's speed:
 * the JSON is the real canonical form of one entry with its varying values cut out and filled in again per entry
 * (they are plain strings, so the RFC 8785 member order does not change). Checked against the real path
 * ({@link DisclosureLedger#canonicalBytes}, {@link SearchColumns#of}) for the first 1,000 entries and every 10,007th:
 * a difference stops the load.
 */
final class BulkEntries {

    private static final long PROBE = 123_457;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final DisclosureLedger ledger;
    private final SubjectKey subjects;
    private final String[] subjectHex = new String[SyntheticLedger.SUBJECTS];
    /** The template: text parts with value slots between them (slot k of values(i)). */
    private final List<String> parts = new ArrayList<>();
    private final List<Integer> slots = new ArrayList<>();

    /** One entry as the bulk load writes it. */
    record Bulk(String json, SearchColumns columns) {
    }

    BulkEntries(DisclosureLedger ledger, SubjectKey subjects) {
        this.ledger = ledger;
        this.subjects = subjects;
        String probe = real(PROBE);
        String[] values = values(PROBE);
        TreeMap<Integer, Integer> at = new TreeMap<>();
        for (int k = 0; k < values.length; k++) {
            String quoted = "\"" + values[k] + "\"";
            int first = probe.indexOf(quoted);
            if (first < 0 || probe.indexOf(quoted, first + 1) >= 0) {
                throw new IllegalStateException("value " + k + " is not exactly once in the entry's JSON");
            }
            at.put(first + 1, k);
        }
        int from = 0;
        for (var slot : at.entrySet()) {
            parts.add(probe.substring(from, slot.getKey()));
            slots.add(slot.getValue());
            from = slot.getKey() + values[slot.getValue()].length();
        }
        parts.add(probe.substring(from));
    }

    Bulk entry(long i) {
        String[] values = values(i);
        StringBuilder json = new StringBuilder(640);
        for (int p = 0; p < slots.size(); p++) {
            json.append(parts.get(p)).append(values[slots.get(p)]);
        }
        json.append(parts.get(parts.size() - 1));
        Bulk bulk = new Bulk(json.toString(), new SearchColumns("DISCLOSED", time(i), values[1], values[2],
                "facility-nagoya", values[3], "reintegration-support", values[4]));
        if (i < 1_000 || i % 10_007 == 0) {
            LedgerEntry entry = SyntheticLedger.entry(i, subjects, subjectHex);
            if (!bulk.json().equals(real(i)) || !bulk.columns().equals(SearchColumns.of(entry))) {
                throw new IllegalStateException("the bulk entry " + i + " differs from the ledger's own");
            }
        }
        return bulk;
    }

    private String real(long i) {
        return new String(ledger.canonicalBytes(SyntheticLedger.entry(i, subjects, subjectHex)), StandardCharsets.UTF_8);
    }

    private static Instant time(long i) {
        return START.plusSeconds(i % 86_400_000);
    }

    /** The values that vary: time, message id, copy id, recipient, subject, sealed digest (as SyntheticLedger). */
    private String[] values(long i) {
        int s = (int) (i % SyntheticLedger.SUBJECTS);
        String hex = subjectHex[s];
        if (hex == null) {
            hex = subjects.reference("inmate-number", "N" + s).hex();
            subjectHex[s] = hex;
        }
        String sealed = Long.toHexString(i);
        return new String[] {time(i).toString(), new UUID(0x6b1f7c2e00004000L, 0x8000000000000000L | i).toString(),
                "copy-" + i, i % 2 == 0 ? "231002" : "230006", hex, "0".repeat(64 - sealed.length()) + sealed};
    }
}
