package org.tsunagi.routes.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tsunagi.schemas.MessageType;
import org.tsunagi.schemas.catalog.FieldDefinition;

/**
 * The policies in plain words, for a privacy officer who does not read YAML: per purpose and message type, what
 * passes as sent, what passes in another form, and what is withheld. Used by {@code tsunagi policy explain}; the
 * text is derived from the same {@link PolicyCatalog} and the same withheld-field computation the redactor uses,
 * so it cannot drift from what the gateway does.
 */
public final class PolicyExplanation {

    private final PolicyCatalog catalog;

    public PolicyExplanation(PolicyCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param purposeId   only this purpose, or all when empty
     * @param messageType only this message type (root element name), or all when empty
     * @throws IllegalArgumentException for an unknown purpose or message type
     */
    public String explain(Optional<String> purposeId, Optional<String> messageType) {
        List<DisclosurePolicy> policies = new ArrayList<>();
        if (purposeId.isPresent()) {
            policies.add(catalog.policy(purposeId.get()).orElseThrow(() -> new IllegalArgumentException(
                    "no policy for purpose '" + purposeId.get() + "'")));
        } else {
            policies.addAll(catalog.policies());
        }
        List<MessageType> types = new ArrayList<>();
        if (messageType.isPresent()) {
            types.add(MessageType.fromRootElement(messageType.get()).orElseThrow(() -> new IllegalArgumentException(
                    "unknown message type '" + messageType.get() + "'")));
        } else {
            types.addAll(List.of(MessageType.values()));
            types.remove(MessageType.RECEIPT);  // receipts carry no personal data and are not redacted
        }
        StringBuilder out = new StringBuilder();
        for (DisclosurePolicy policy : policies) {
            purpose(out, policy, types);
        }
        return out.toString();
    }

    private void purpose(StringBuilder out, DisclosurePolicy policy, List<MessageType> types) {
        out.append("== Purpose ").append(policy.purpose().id()).append(": ").append(policy.title()).append('\n');
        out.append("   ").append(policy.purpose().description()).append('\n');
        out.append("   Policy file ").append(policy.source().getFileName()).append(", version ")
                .append(policy.version()).append('\n');
        out.append("   The recipient's agreement must name one of these legal bases:\n");
        policy.legalBases().stream().sorted().forEach(b -> out.append("     - ").append(b.id()).append(": ")
                .append(b.title()).append(", ").append(b.article()).append('\n'));
        out.append(policy.consentNeeded()
                ? "   The person's consent must be recorded in the message (Consent/Given = true), or nothing is sent.\n"
                : "   The person's consent is not required by this policy (unless the agreement's basis is consent).\n");
        List<String> notCovered = new ArrayList<>();
        for (MessageType type : types) {
            if (policy.rules(type.rootElement()).isEmpty()) {
                notCovered.add(type.rootElement());
                continue;
            }
            messageType(out, policy, type);
        }
        if (!notCovered.isEmpty()) {
            out.append("\n   Never sent under this purpose: ").append(String.join(", ", notCovered)).append('\n');
        }
        out.append('\n');
    }

    private void messageType(StringBuilder out, DisclosurePolicy policy, MessageType type) {
        PolicyView view = new PolicyView(policy, type, catalog.fields());
        String root = type.rootElement() + "/";
        out.append("\n   -- ").append(type.rootElement()).append('\n');
        List<FieldRule> kept = policy.rules(type.rootElement()).stream().filter(r -> r.transform() == Transform.KEEP).toList();
        List<FieldRule> changed = policy.rules(type.rootElement()).stream().filter(r -> r.transform() != Transform.KEEP).toList();
        out.append("      Passes as sent:\n");
        if (kept.isEmpty()) {
            out.append("        (nothing)\n");
        }
        for (FieldRule r : kept) {
            row(out, r.path().substring(root.length()), describe(r.path()));
        }
        if (!changed.isEmpty()) {
            out.append("      Passes in another form:\n");
            for (FieldRule r : changed) {
                row(out, r.path().substring(root.length()), r.transform().explanation());
            }
        }
        out.append("      Withheld (removed; listed in the copy's Disclosure/Withheld):\n");
        for (String path : view.withheld()) {
            String note = path.endsWith("/" + PolicyCatalog.VICTIM_REMARKS) ? "never disclosed under any purpose"
                    : describe(path);
            row(out, path.substring(root.length()), note);
        }
        if (type == MessageType.STATISTICS_REPORT) {
            out.append(STATISTICS);
        }
    }

    /** What small-cell control does to every statistics copy below national level (see ReportControl). */
    static final String STATISTICS = """
                  Statistics below national level: small cells are hidden against everything the recipient holds.
                    Sensitive: counts 1..k-1 (k from the agreement, default 3) and rates whose denominator is under 20.
                    One system: all tables of the report, plus every cell released before to the same recipient (or
                      its group, tsunagi.statistics.groups) by the same sender for the same reference period (the
                      gateway's statistics memory, kept per reference period until an operator resets it), with all
                      their totals; a cell repeated in two tables is one cell.
                    Protection: a hidden sensitive cell of value v must stay uncertain by max(1, p % of v) below and
                      above against a linear programme over that whole system (p = tsunagi.statistics.
                      protection-percent, default 10). Complementary cells are chosen by linear programming to lose
                      the least (a printed cell costs its value); the cells of a row are hidden together.
                    Audit: before release the recipient's programme is run; if a hidden cell could still be narrowed,
                      that recipient's copy is withheld (STATISTICS_DISCLOSURE_RISK, a REFUSED ledger entry) while
                      the others are sent, and the sender's receipt names the recipient and the tables; if every
                      copy is withheld, the report is refused.
                    Example: Otsu's total 40 is printed and the by-sex table hides men 39 and women 1; a male-only
                      table printing 39 would give 40 - 39 = 1 woman, so its Otsu (and Toyohashi) men are hidden too.
            """;

    private static void row(StringBuilder out, String path, String note) {
        out.append(String.format(Locale.ROOT, "        %-52s %s", path, note).stripTrailing()).append('\n');
    }

    /** The first sentence of the schema's documentation of the field, briefly. */
    private String describe(String path) {
        String doc = catalog.fields().field(path).map(FieldDefinition::documentation).orElse("");
        int end = doc.indexOf(". ");
        while (end > 3 && (doc.startsWith("e.g", end - 3) || doc.startsWith("i.e", end - 3))) {
            end = doc.indexOf(". ", end + 2);
        }
        String first = end > 0 ? doc.substring(0, end) : doc.endsWith(".") ? doc.substring(0, doc.length() - 1) : doc;
        return first.length() > 70 ? first.substring(0, 69) + "…" : first;
    }
}
