package org.tsunagi.routes.redaction;

import static org.tsunagi.routes.redaction.MessageElements.child;
import static org.tsunagi.routes.redaction.MessageElements.children;
import static org.tsunagi.routes.redaction.MessageElements.element;
import static org.tsunagi.routes.redaction.MessageElements.leaf;
import static org.tsunagi.routes.redaction.MessageElements.text;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tsunagi.schemas.catalog.FieldDefinition;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * One copy being made: the recursive walk over the sender's message that writes into {@code out} only what the
 * policy view names, in the form it names (default deny), and remembers what it wrote.
 */
final class CopyWalk {

    private final Document out;
    private final PolicyView view;
    private final SchemaFields fields;
    private final Map<String, Integer> schemaOrder;
    private final PseudonymKey pseudonyms;
    private final String pseudonymIssuer;
    private final String recipient;
    private final LocalDate createdOn;
    private final Map<String, DisclosedField> disclosed = new LinkedHashMap<>();

    /**
     * @param schemaOrder     the message type's field paths in schema sequence order
     * @param pseudonymIssuer the {@code IssuedBy} of pseudonyms: the gateway's participant id
     * @param createdOn       the reference day for age bands
     */
    CopyWalk(Document out, PolicyView view, SchemaFields fields, Map<String, Integer> schemaOrder,
             PseudonymKey pseudonyms, String pseudonymIssuer, String recipient, LocalDate createdOn) {
        this.out = out;
        this.view = view;
        this.fields = fields;
        this.schemaOrder = schemaOrder;
        this.pseudonyms = pseudonyms;
        this.pseudonymIssuer = pseudonymIssuer;
        this.recipient = recipient;
        this.createdOn = createdOn;
    }

    void process(Element source, String path, Element outParent) {
        if (source.getLocalName().equals(PolicyCatalog.VICTIM_REMARKS)) {
            return;
        }
        FieldRule rule = view.rule(path);
        if (rule != null) {
            apply(rule, source, outParent);
            return;
        }
        if (!view.isAncestorOfRule(path)) {
            return;  // default deny
        }
        Element container = element(out, source.getLocalName());
        for (Element child : children(source)) {
            process(child, path + "/" + child.getLocalName(), container);
        }
        offenceCategoryWithoutCode(source, path, container);
        boolean required = fields.field(path).map(FieldDefinition::required).orElse(false);
        if (container.hasChildNodes() || required) {
            sort(container, path);
            outParent.appendChild(container);
        }
    }

    /** What the walk wrote, in the policy's rule order. */
    List<DisclosedField> disclosed() {
        List<DisclosedField> ordered = new ArrayList<>();
        for (FieldRule r : view.rules()) {
            DisclosedField f = disclosed.get(r.path());
            if (f != null) {
                ordered.add(f);
            }
        }
        return ordered;
    }

    /** offence-category passes the sender's category also when the sender gave no code. */
    private void offenceCategoryWithoutCode(Element source, String path, Element container) {
        FieldRule rule = view.rule(path + "/" + Transform.OFFENCE_CATEGORY.source());
        Element category = child(source, Transform.OFFENCE_CATEGORY.target());
        if (rule != null && rule.transform() == Transform.OFFENCE_CATEGORY && category != null
                && child(source, Transform.OFFENCE_CATEGORY.source()) == null) {
            container.appendChild(leaf(out, category.getLocalName(), text(category)));
            record(rule);
        }
    }

    private void apply(FieldRule rule, Element source, Element outParent) {
        Element result = switch (rule.transform()) {
            case KEEP -> deep(source);
            case PSEUDONYMISE -> pseudonym(source);
            case AGE_BAND -> date(source).map(d -> leaf(out, "AgeBand", Generalisation.ageBand(d, createdOn))).orElse(null);
            case BIRTH_YEAR -> date(source).map(d -> leaf(out, "BirthYear", Generalisation.birthYear(d))).orElse(null);
            case RELEASE_MONTH -> date(source).map(d -> leaf(out, "PlannedReleaseMonth",
                    Generalisation.releaseMonth(d))).orElse(null);
            case MUNICIPALITY -> municipality(source);
            case OFFENCE_CATEGORY -> offenceCategory(source);
        };
        if (result != null) {
            outParent.appendChild(result);
            record(rule);
        }
    }

    private void record(FieldRule rule) {
        disclosed.putIfAbsent(rule.path(), new DisclosedField(rule.path(), rule.transform().id(),
                PolicyView.resultPath(rule)));
    }

    private Element pseudonym(Element identifier) {
        String value = text(child(identifier, "Value"));
        if (value == null) {
            return null;
        }
        String scheme = Objects.requireNonNullElse(text(child(identifier, "Scheme")), "");
        String issuer = Objects.requireNonNullElse(text(child(identifier, "IssuedBy")), "");
        Element result = element(out, identifier.getLocalName());
        result.appendChild(leaf(out, "Scheme", "pseudonym"));
        // The scheme and issuer are part of the input: the same number in two registers is two people.
        result.appendChild(leaf(out, "Value", pseudonyms.pseudonym(recipient, scheme + "|" + issuer + "|" + value)));
        result.appendChild(leaf(out, "IssuedBy", pseudonymIssuer));
        return result;
    }

    private Element municipality(Element place) {
        Element code = child(place, Transform.MUNICIPALITY.target());
        if (text(code) == null) {
            return null;
        }
        Element result = element(out, place.getLocalName());
        result.appendChild(leaf(out, code.getLocalName(), text(code)));
        return result;
    }

    private Element offenceCategory(Element code) {
        Element senderCategory = child((Element) code.getParentNode(), Transform.OFFENCE_CATEGORY.target());
        String category = text(senderCategory);
        if (category == null) {
            String value = text(code);
            if (value == null) {
                return null;
            }
            category = Generalisation.offenceCategory(value);
        }
        return leaf(out, Transform.OFFENCE_CATEGORY.target(), category);
    }

    private static Optional<LocalDate> date(Element e) {
        String value = text(e);
        try {
            // xs:date may carry a time zone suffix; the calendar date is what matters here.
            return value == null ? Optional.empty()
                    : Optional.of(LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value));
        } catch (DateTimeParseException ex) {
            return Optional.empty();
        }
    }

    /** A clean copy: elements and text only, no prefixes, comments or whitespace; never victim remarks. */
    Element deep(Element source) {
        Element copy = element(out, source.getLocalName());
        boolean hasElements = false;
        for (Node n = source.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                hasElements = true;
                if (!e.getLocalName().equals(PolicyCatalog.VICTIM_REMARKS)) {
                    copy.appendChild(deep(e));
                }
            }
        }
        if (!hasElements) {
            copy.setTextContent(source.getTextContent());
        }
        return copy;
    }

    /** Puts generalised elements where the schema's sequence wants them (stable for repeated elements). */
    void sort(Element parent, String path) {
        List<Element> kids = children(parent);
        List<Element> sorted = new ArrayList<>(kids);
        sorted.sort((a, b) -> Integer.compare(
                schemaOrder.getOrDefault(path + "/" + a.getLocalName(), Integer.MAX_VALUE),
                schemaOrder.getOrDefault(path + "/" + b.getLocalName(), Integer.MAX_VALUE)));
        if (!sorted.equals(kids)) {
            kids.forEach(parent::removeChild);
            sorted.forEach(parent::appendChild);
        }
    }
}
