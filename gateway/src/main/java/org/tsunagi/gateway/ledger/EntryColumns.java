package org.tsunagi.gateway.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The H2 functions behind the ledger's former generated search columns (db/migration/h2/V40 and V41, plain columns
 * since V120: {@link SearchColumns}); kept because those migrations still run on a new database. They read a member of the
 * entry's canonical JSON, so a search column always says what the hashed bytes say. PostgreSQL uses {@code ->>}.
 * Total functions: an unreadable entry yields null (and fails {@code ledger verify} on its own).
 */
public final class EntryColumns {

    // H2 calls these through static methods; the mapper is thread-safe once configured.
    private static final ObjectMapper JSON = new ObjectMapper();

    private EntryColumns() {
    }

    /** The string member {@code name} of the entry, or null when absent or not a string. */
    public static String text(String entryJson, String name) {
        JsonNode value = member(entryJson, name);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** The entry's {@code time} member (UTC ISO-8601), or null. */
    public static OffsetDateTime time(String entryJson) {
        String time = text(entryJson, "time");
        try {
            return time == null ? null : Instant.parse(time).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static JsonNode member(String entryJson, String name) {
        if (entryJson == null) {
            return null;
        }
        try {
            JsonNode entry = JSON.readTree(entryJson);
            return entry == null || !entry.isObject() ? null : entry.get(name);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
