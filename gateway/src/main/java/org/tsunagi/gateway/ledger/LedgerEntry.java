package org.tsunagi.gateway.ledger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.tsunagi.routes.ledger.SubjectReference;
import org.tsunagi.routes.redaction.DisclosedField;

/**
 * One ledger event, immutable. Start with {@link #of(LedgerEvent, Instant)} and add what the event knows with the
 * {@code with...} methods; absent (null) fields are left out of the entry's JSON. The leaf bytes are the RFC 8785 form
 * of that JSON object (see README, "The disclosure ledger"). Times are kept to the millisecond.
 *
 * @param copyId      the id of the recipient's copy (outbox row), when there is one
 * @param reason      stable reason code of a refusal or quarantine
 * @param actor       who acted (the auditor for AUDIT_QUERY, the recipient for ACKNOWLEDGED)
 * @param details     small extra facts: string, integer or boolean values only (canonical JSON has no stable floats)
 */
public record LedgerEntry(LedgerEvent event, Instant time, String messageId, String copyId, String messageType,
                          String sender, String recipient, String purpose, String legalBasis,
                          SubjectReference subject, List<DisclosedField> fields, String sealedSha256, String reason,
                          String actor, Map<String, Object> details) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_TEXT = 512;

    public LedgerEntry {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(time, "time");
        time = time.truncatedTo(ChronoUnit.MILLIS);
        fields = fields == null ? null : List.copyOf(fields);
        details = details == null ? null : Map.copyOf(details);
        if (sealedSha256 != null && !SHA256_HEX.matcher(sealedSha256).matches()) {
            throw new IllegalArgumentException("sealedSha256 is 64 lower-case hex characters");
        }
        for (String text : new String[] {messageId, copyId, messageType, sender, recipient, purpose, legalBasis, reason, actor}) {
            if (text != null && (text.isBlank() || text.length() > MAX_TEXT)) {
                throw new IllegalArgumentException("ledger entry text fields are non-blank and at most 512 characters");
            }
        }
        if (details != null) {
            details.forEach((k, v) -> {
                if (!(v instanceof String || v instanceof Integer || v instanceof Long || v instanceof Boolean)) {
                    throw new IllegalArgumentException("detail '" + k + "' must be a string, an integer or a boolean");
                }
            });
        }
    }

    /** An entry with only its event and time. */
    public static LedgerEntry of(LedgerEvent event, Instant time) {
        return new LedgerEntry(event, time, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public LedgerEntry withMessage(String messageId, String messageType) {
        return new LedgerEntry(event, time, messageId, copyId, messageType, sender, recipient, purpose, legalBasis, subject,
                fields, sealedSha256, reason, actor, details);
    }

    public LedgerEntry withCopyId(String copyId) {
        return new LedgerEntry(event, time, messageId, copyId, messageType, sender, recipient, purpose, legalBasis, subject,
                fields, sealedSha256, reason, actor, details);
    }

    public LedgerEntry withParties(String sender, String recipient) {
        return new LedgerEntry(event, time, messageId, copyId, messageType, sender, recipient, purpose, legalBasis, subject,
                fields, sealedSha256, reason, actor, details);
    }

    public LedgerEntry withPurpose(String purpose, String legalBasis) {
        return new LedgerEntry(event, time, messageId, copyId, messageType, sender, recipient, purpose, legalBasis, subject,
                fields, sealedSha256, reason, actor, details);
    }

    public LedgerEntry withSubject(SubjectReference subject) {
        return new LedgerEntry(event, time, messageId, copyId, messageType, sender, recipient, purpose, legalBasis, subject,
                fields, sealedSha256, reason, actor, details);
    }

    public LedgerEntry withFields(List<DisclosedField> fields) {
        return new LedgerEntry(event, time, messageId, copyId, messageType, sender, recipient, purpose, legalBasis, subject,
                fields, sealedSha256, reason, actor, details);
    }

    public LedgerEntry withSealedSha256(String sealedSha256) {
        return new LedgerEntry(event, time, messageId, copyId, messageType, sender, recipient, purpose, legalBasis, subject,
                fields, sealedSha256, reason, actor, details);
    }

    public LedgerEntry withReason(String reason) {
        return new LedgerEntry(event, time, messageId, copyId, messageType, sender, recipient, purpose, legalBasis, subject,
                fields, sealedSha256, reason, actor, details);
    }

    public LedgerEntry withActor(String actor) {
        return new LedgerEntry(event, time, messageId, copyId, messageType, sender, recipient, purpose, legalBasis, subject,
                fields, sealedSha256, reason, actor, details);
    }

    public LedgerEntry withDetails(Map<String, Object> details) {
        return new LedgerEntry(event, time, messageId, copyId, messageType, sender, recipient, purpose, legalBasis, subject,
                fields, sealedSha256, reason, actor, details);
    }

    /** The entry as the JSON object whose RFC 8785 form is the leaf (insertion order here is irrelevant). */
    Map<String, Object> toJsonObject() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event", event.name());
        json.put("time", time.toString());
        put(json, "messageId", messageId);
        put(json, "copyId", copyId);
        put(json, "messageType", messageType);
        put(json, "sender", sender);
        put(json, "recipient", recipient);
        put(json, "purpose", purpose);
        put(json, "legalBasis", legalBasis);
        put(json, "subject", subject == null ? null : subject.hex());
        if (fields != null) {
            json.put("fields", fields.stream().map(f -> Map.of("path", f.path(), "transform", f.transform())).toList());
        }
        put(json, "sealedSha256", sealedSha256);
        put(json, "reason", reason);
        put(json, "actor", actor);
        if (details != null) {
            json.put("details", details);
        }
        return json;
    }

    private static void put(Map<String, Object> json, String key, String value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}
