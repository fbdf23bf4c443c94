package org.tsunagi.routes.redaction;

import java.util.Arrays;
import java.util.Optional;

/**
 * The purposes for which the gateway discloses personal data. Closed on purpose: a new purpose is a legal decision
 * (APPI Art. 69 limits provision to the purpose), so it needs a code review, not just a new YAML file.
 */
public enum Purpose {
    WELFARE_SUPPORT("welfare-support", "Welfare support (福祉的支援) by the local government of the place of return"),
    HOUSING_SUPPORT("housing-support", "Housing support (住居確保支援)"),
    EMPLOYMENT_SUPPORT("employment-support", "Employment support (就労支援)"),
    ENTRANCE_SUPPORT("entrance-support",
            "Entrance support (入口支援): welfare for suspects and defendants diverted from prosecution or custody"),
    ORDINANCE_REINTEGRATION("ordinance-reintegration",
            "Social reintegration under a prefectural ordinance on sexual offences (e.g. Osaka, Fukuoka)"),
    PLANNING_STATISTICS("planning-statistics",
            "Planning statistics for the local recidivism-prevention plan (地方再犯防止推進計画)"),
    MODEL_PROJECT_EVALUATION("model-project-evaluation",
            "Effect verification of the regional support model project (モデル事業の効果検証)");

    private final String id;
    private final String description;

    Purpose(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The id used in policy files, agreements and the ledger. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public static Optional<Purpose> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
