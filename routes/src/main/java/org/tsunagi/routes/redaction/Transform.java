package org.tsunagi.routes.redaction;

import java.util.Arrays;
import java.util.Optional;

/**
 * The forms in which a policy may disclose a field. A generalising transform reads the source element and writes
 * its generalised form into a separate, schema-defined sibling element (the recipient sees which form it got); the
 * source element itself is never sent.
 */
public enum Transform {
    /** The value as sent. */
    KEEP("keep", null, null, "as sent"),
    /** An identifier replaced by a keyed HMAC pseudonym (scheme "pseudonym"), stable per recipient only. */
    PSEUDONYMISE("pseudonymise", null, null, "pseudonym (stable for this recipient, cannot be joined across recipients)"),
    /** The date of birth as a ten-year age band at the time the message was created. */
    AGE_BAND("age-band", "DateOfBirth", "AgeBand", "age band (10 years) instead of the date of birth"),
    /** The date of birth as the year of birth. */
    BIRTH_YEAR("birth-year", "DateOfBirth", "BirthYear", "year of birth instead of the date of birth"),
    /** The planned release date as its month. */
    RELEASE_MONTH("release-month", "PlannedReleaseDate", "PlannedReleaseMonth", "month of release instead of the date"),
    /** A place (address, postal code, receiving person...) reduced to its municipality's local government code. */
    MUNICIPALITY("municipality", null, "MunicipalityCode", "municipality code only, instead of the place"),
    /** The offence code as its category (the sender's category if given, else derived from the code). */
    OFFENCE_CATEGORY("offence-category", "OffenceCode", "OffenceCategory", "offence category instead of the offence");

    private final String id;
    private final String source;
    private final String target;
    private final String explanation;

    Transform(String id, String source, String target, String explanation) {
        this.id = id;
        this.source = source;
        this.target = target;
        this.explanation = explanation;
    }

    /** The word used in policy files. */
    public String id() {
        return id;
    }

    /** The local name of the element a generalisation reads, or null when the transform applies to any leaf. */
    String source() {
        return source;
    }

    /** The local name of the sibling element a generalisation writes, or null when the value stays in place. */
    String target() {
        return target;
    }

    /** A plain-language description for {@code policy explain}. */
    public String explanation() {
        return explanation;
    }

    public static Optional<Transform> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
