package org.tsunagi.gateway.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The search columns of a {@code ledger_entry} row (what the audit API filters on), each a member of the entry's
 * canonical JSON: the integrator writes them once, read from the entry it stores (db/migration/.../V120), and
 * {@code tsunagi ledger verify} compares them with the hashed entry for every index, so a column edited in the
 * database behind the gateway's back does not go unnoticed. Absent members are null.
 */
public record SearchColumns(String event, Instant time, String messageId, String copyId, String sender,
                            String recipient, String purpose, String subject) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The columns of {@code entry} (the values its canonical JSON carries). */
    public static SearchColumns of(LedgerEntry entry) {
        return new SearchColumns(entry.event().name(), entry.time(), entry.messageId(), entry.copyId(),
                entry.sender(), entry.recipient(), entry.purpose(),
                entry.subject() == null ? null : entry.subject().hex());
    }

    /**
     * The columns as the entry's JSON says (one parse): what the integrator stores for a pending entry, which reaches
     * it as the hashed text only. An entry that is not a JSON object yields all nulls (verify fails on it anyway).
     */
    public static SearchColumns fromJson(String canonicalJson) {
        JsonNode entry;
        try {
            entry = JSON.readTree(canonicalJson);
        } catch (JsonProcessingException e) {
            entry = null;
        }
        if (entry == null || !entry.isObject()) {
            return new SearchColumns(null, null, null, null, null, null, null, null);
        }
        return new SearchColumns(text(entry, "event"), time(text(entry, "time")), text(entry, "messageId"),
                text(entry, "copyId"), text(entry, "sender"), text(entry, "recipient"), text(entry, "purpose"),
                text(entry, "subject"));
    }

    /** The columns under the entry's JSON member names (the audit API lists them next to each entry). */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("event", event);
        map.put("time", time == null ? null : time.toString());
        map.put("messageId", messageId);
        map.put("copyId", copyId);
        map.put("sender", sender);
        map.put("recipient", recipient);
        map.put("purpose", purpose);
        map.put("subject", subject);
        return map;
    }

    /** The name of the first column that differs from {@code other}, or null when they all agree. */
    public String firstDifference(SearchColumns other) {
        Map<String, String> mine = asMap();
        Map<String, String> theirs = other.asMap();
        for (Map.Entry<String, String> column : mine.entrySet()) {
            if (!Objects.equals(column.getValue(), theirs.get(column.getKey()))) {
                return column.getKey();
            }
        }
        return null;
    }

    private static String text(JsonNode entry, String name) {
        JsonNode value = entry.get(name);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static Instant time(String time) {
        try {
            return time == null ? null : Instant.parse(time);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
