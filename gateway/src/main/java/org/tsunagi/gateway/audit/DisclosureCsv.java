package org.tsunagi.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.tsunagi.gateway.ledger.StoredEntry;

/** RFC 4180 CSV of ledger entries, one row per entry, for auditors' spreadsheets. */
final class DisclosureCsv {

    private static final String[] COLUMNS = {"index", "time", "event", "messageId", "copyId", "messageType", "sender",
            "recipient", "purpose", "legalBasis", "subject", "fields", "sealedSha256", "reason", "actor", "leafHash"};

    private final ObjectMapper json = new ObjectMapper();

    String write(List<StoredEntry> entries) {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (StoredEntry stored : entries) {
            JsonNode entry = parse(stored.canonicalJson());
            List<String> cells = new ArrayList<>();
            cells.add(Long.toString(stored.index()));
            for (int i = 1; i < COLUMNS.length - 1; i++) {
                String column = COLUMNS[i];
                if (column.equals("fields")) {
                    List<String> fields = new ArrayList<>();
                    entry.path("fields").forEach(f -> fields.add(f.path("path").asText() + ":" + f.path("transform").asText()));
                    cells.add(String.join(";", fields));
                } else {
                    cells.add(entry.path(column).asText(""));
                }
            }
            cells.add(Base64.getEncoder().encodeToString(stored.leafHash()));
            csv.append(String.join(",", cells.stream().map(DisclosureCsv::cell).toList())).append("\r\n");
        }
        return csv.toString();
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(String value) {
        // A leading = + - @ would be run as a formula by spreadsheet programs.
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\r") || safe.contains("\n")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
