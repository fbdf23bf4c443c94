package org.tsunagi.routes.redaction;

import java.util.Arrays;
import java.util.Optional;

/**
 * The named grounds on which a provision of personal data may rest, each with one id: a policy lists the ids it
 * accepts; the agreement under which a recipient receives a message names one (participants.yaml
 * {@code legal-basis}); the copy's {@code Disclosure/LegalBasis} carries its kind, title and article, and the ledger
 * and outbox record its id.
 */
public enum LegalBasis {
    CONSENT("consent", "CONSENT", "本人の同意 (the person's consent)", "個人情報の保護に関する法律第69条第2項第1号"),
    APPI_ART69_2_III("appi-art69-2-iii", "LAW", "個人情報の保護に関する法律 (Act on the Protection of Personal Information)",
            "第69条第2項第3号 (provision to another public body for its statutory functions, with reasonable grounds)"),
    APPI_ART69_2_IV("appi-art69-2-iv", "LAW", "個人情報の保護に関する法律 (Act on the Protection of Personal Information)",
            "第69条第2項第4号 (provision for statistics or academic research)"),
    RECIDIVISM_PREVENTION_ACT("recidivism-prevention-act", "LAW",
            "再犯の防止等の推進に関する法律 (Act for the Promotion of Recidivism Prevention)",
            "cooperation of the State and local governments"),
    OSAKA_ORDINANCE("osaka-sex-offence-ordinance", "ORDINANCE",
            "大阪府子どもを性犯罪から守る条例 (Osaka Prefecture ordinance on protecting children from sexual offences)",
            "social reintegration support for people released after sexual offences"),
    FUKUOKA_ORDINANCE("fukuoka-sex-offence-ordinance", "ORDINANCE",
            "福岡県における性暴力を根絶し、性被害から県民等を守るための条例 (Fukuoka Prefecture ordinance on eradicating sexual violence)",
            "social reintegration support for people released after sexual offences"),
    /** The demo's fictional municipal ordinance (gateway/config), so that the walk-through shows an ordinance agreement. */
    NAGOYA_DEMO_ORDINANCE("nagoya-reintegration-ordinance", "ORDINANCE",
            "名古屋市性犯罪をした者の社会復帰支援条例（デモ用の架空条例） (fictional Nagoya City ordinance, for the demo)",
            "第5条 (social reintegration support for people released after sexual offences)");

    private final String id;
    private final String kind;
    private final String title;
    private final String article;

    LegalBasis(String id, String kind, String title, String article) {
        this.id = id;
        this.kind = kind;
        this.title = title;
        this.article = article;
    }

    /** The id used in policies, agreements and the ledger. */
    public String id() {
        return id;
    }

    /** {@code LAW}, {@code ORDINANCE} or {@code CONSENT}: the schema's LegalBasisKind. */
    public String kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public String article() {
        return article;
    }

    public static Optional<LegalBasis> byId(String id) {
        return Arrays.stream(values()).filter(b -> b.id.equals(id)).findFirst();
    }
}
