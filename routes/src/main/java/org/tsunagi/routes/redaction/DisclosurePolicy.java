package org.tsunagi.routes.redaction;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one purpose may see: per message type, the fields disclosed and in what form. Everything else is withheld
 * (default deny). Immutable; built only by {@link PolicyCatalog#load}.
 *
 * @param purpose       the purpose this policy serves
 * @param title         a one-line human description
 * @param legalBases    the grounds the recipient's agreement may name; a disclosure under any other is refused
 * @param consentNeeded whether messages of a type that records consent (has a {@code Consent} element) must
 *                      record the person's consent ({@code Consent/Given} true)
 * @param messages      per message type (root element name), its field rules in file order
 * @param source        the file the policy was read from
 * @param version       {@code <purpose>@<first 12 hex digits of the file's SHA-256>}: names the exact policy text
 *                      in each copy's {@code Disclosure/PolicyId}
 */
public record DisclosurePolicy(Purpose purpose, String title, Set<LegalBasis> legalBases, boolean consentNeeded,
                               Map<String, List<FieldRule>> messages, Path source,
                               String version) {

    public DisclosurePolicy {
        legalBases = Set.copyOf(legalBases);
        Map<String, List<FieldRule>> copy = new LinkedHashMap<>();
        messages.forEach((type, rules) -> copy.put(type, List.copyOf(rules)));
        messages = Collections.unmodifiableMap(copy);
    }

    /** The rules for one message type; empty when the policy discloses nothing of it. */
    public List<FieldRule> rules(String messageType) {
        return messages.getOrDefault(messageType, List.of());
    }

    /** The rule naming {@code path} in {@code messageType}, if any. */
    public Optional<FieldRule> rule(String messageType, String path) {
        return rules(messageType).stream().filter(r -> r.path().equals(path)).findFirst();
    }
}
