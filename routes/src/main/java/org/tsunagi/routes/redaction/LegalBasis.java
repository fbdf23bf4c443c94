package org.tsunagi.routes.redaction;

import java.util.Arrays;
import java.util.Optional;

/**
 * The named grounds on which a provision of personal data may rest. A policy lists the ones it accepts; the
 * agreement under which a recipient receives a message names one of them, and the ledger records it.
 */
public enum LegalBasis {
    CONSENT("consent", "The person's consent (本人の同意), recorded in the message (APPI Art. 69(2)(i))"),
    APPI_ART69_2_III("appi-art69-2-iii",
            "Provision to another public body that needs it for its statutory functions, with reasonable grounds "
                    + "(APPI Art. 69(2)(iii))"),
    APPI_ART69_2_IV("appi-art69-2-iv", "Provision for statistics or academic research (APPI Art. 69(2)(iv))"),
    RECIDIVISM_PREVENTION_ACT("recidivism-prevention-act",
            "Act for the Promotion of Recidivism Prevention (再犯の防止等の推進に関する法律), cooperation with local "
                    + "governments"),
    OSAKA_ORDINANCE("osaka-sex-offence-ordinance",
            "Osaka Prefecture ordinance on protecting children from sexual offences (大阪府子どもを性犯罪から守る条例)"),
    FUKUOKA_ORDINANCE("fukuoka-sex-offence-ordinance",
            "Fukuoka Prefecture ordinance on eradicating sexual violence (福岡県性暴力根絶条例)");

    private final String id;
    private final String description;

    LegalBasis(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public static Optional<LegalBasis> byId(String id) {
        return Arrays.stream(values()).filter(b -> b.id.equals(id)).findFirst();
    }
}
