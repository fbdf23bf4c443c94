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
 * One ledger event, immutable. Build it with {@link Builder}; absent (null) fields are left out of the entry's JSON.
 * The leaf bytes are the RFC 8785 form of that JSON object (see README, "The disclosure ledger"). Times are kept to the millisecond.
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

    /**
     * Builds an entry field by field, in the style of Nimbus' {@code JWTClaimsSet.Builder}: every setter replaces the
     * previous value, unset fields stay absent from the entry's JSON, and {@link #build()} validates once.
     */
    public static final class Builder {

        private final LedgerEvent event;
        private final Instant time;
        private String messageId;
        private String copyId;
        private String messageType;
        private String sender;
        private String recipient;
        private String purpose;
        private String legalBasis;
        private SubjectReference subject;
        private List<DisclosedField> fields;
        private String sealedSha256;
        private String reason;
        private String actor;
        private Map<String, Object> details;

        public Builder(LedgerEvent event, Instant time) {
            this.event = event;
            this.time = time;
        }

        /** Starts from every field of {@code entry}. */
        public Builder(LedgerEntry entry) {
            this(entry.event, entry.time);
            messageId = entry.messageId;
            copyId = entry.copyId;
            messageType = entry.messageType;
            sender = entry.sender;
            recipient = entry.recipient;
            purpose = entry.purpose;
            legalBasis = entry.legalBasis;
            subject = entry.subject;
            fields = entry.fields;
            sealedSha256 = entry.sealedSha256;
            reason = entry.reason;
            actor = entry.actor;
            details = entry.details;
        }

        public Builder messageId(String messageId) {
            this.messageId = messageId;
            return this;
        }

        public Builder messageType(String messageType) {
            this.messageType = messageType;
            return this;
        }

        public Builder copyId(String copyId) {
            this.copyId = copyId;
            return this;
        }

        public Builder sender(String sender) {
            this.sender = sender;
            return this;
        }

        public Builder recipient(String recipient) {
            this.recipient = recipient;
            return this;
        }

        public Builder purpose(String purpose) {
            this.purpose = purpose;
            return this;
        }

        public Builder legalBasis(String legalBasis) {
            this.legalBasis = legalBasis;
            return this;
        }

        /** The subject reference as a {@link SubjectReference}; null leaves it absent. */
        public Builder subject(SubjectReference subject) {
            this.subject = subject;
            return this;
        }

        /** The subject reference as its 64 hex characters; null leaves it absent. */
        public Builder subjectHex(String subjectHex) {
            this.subject = subjectHex == null ? null : new SubjectReference(subjectHex);
            return this;
        }

        public Builder fields(List<DisclosedField> fields) {
            this.fields = fields;
            return this;
        }

        public Builder sealedSha256(String sealedSha256) {
            this.sealedSha256 = sealedSha256;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder actor(String actor) {
            this.actor = actor;
            return this;
        }

        public Builder details(Map<String, Object> details) {
            this.details = details;
            return this;
        }

        public LedgerEntry build() {
            return new LedgerEntry(event, time, messageId, copyId, messageType, sender, recipient, purpose, legalBasis,
                    subject, fields, sealedSha256, reason, actor, details);
        }
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
