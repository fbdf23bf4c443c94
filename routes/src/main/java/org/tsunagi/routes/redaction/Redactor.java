package org.tsunagi.routes.redaction;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.tsunagi.schemas.MessageSchema;
import org.tsunagi.schemas.MessageType;
import org.tsunagi.schemas.catalog.FieldDefinition;
import org.tsunagi.schemas.codec.MessageCodec;
import org.tsunagi.schemas.codec.MessageRejectedException;
import org.tsunagi.schemas.model.MessageBase;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Makes one recipient's copy of a message under the recipient's purpose: default deny, so only the fields the
 * purpose's policy names leave, in the form it names; victim-related remarks never leave; statistics tables get
 * small-cell suppression below national level; the copy's {@code Disclosure} element says under which purpose,
 * legal basis and policy version it was made, which fields the policy withholds and which it transformed. The copy
 * is validated against the schema before it is returned.
 *
 * <p>Plain Java, thread-safe, no per-message state: policies are parsed once by {@link PolicyCatalog}.
 */
public final class Redactor {

    static final String NS = MessageSchema.NAMESPACE;
    private static final String CELL_PATH = "StatisticsReport/Table/Rows/Row/Cell";
    private static final String SUPPRESSION = "small-cell-suppression";
    /** The issuer of pseudonyms (schemas/FIELDS.md): the gateway's participant id. */
    private static final String GATEWAY_ID = "tsunagi-gateway";
    /** Always with seconds and an offset, as the schema's Timestamp requires. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private final PolicyCatalog policies;
    private final PseudonymKey pseudonyms;
    private final Clock clock;
    private final MessageCodec codec;
    private final DocumentBuilderFactory documents;
    private final TransformerFactory transformers;
    private final Map<MessageType, Map<String, Integer>> schemaOrder = new EnumMap<>(MessageType.class);
    private final Map<String, PolicyView> views = new HashMap<>();

    /**
     * @param policies   the loaded policies
     * @param pseudonyms the gateway's pseudonym secret
     * @param codec      the shared message codec: every copy passes all of its checks before it is returned
     * @param clock      for {@code Disclosure/DisclosedAt}
     */
    public Redactor(PolicyCatalog policies, PseudonymKey pseudonyms, MessageCodec codec, Clock clock) {
        this.policies = Objects.requireNonNull(policies);
        this.pseudonyms = Objects.requireNonNull(pseudonyms);
        this.codec = Objects.requireNonNull(codec);
        this.clock = Objects.requireNonNull(clock);
        try {
            this.documents = DocumentBuilderFactory.newInstance();
            documents.setNamespaceAware(true);
            documents.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            documents.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            this.transformers = TransformerFactory.newInstance();
            transformers.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            transformers.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            transformers.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("cannot set up XML processing", e);
        }
        for (MessageType type : MessageType.values()) {
            Map<String, Integer> order = new HashMap<>();
            List<FieldDefinition> fields = policies.fields().fields(type);
            for (int i = 0; i < fields.size(); i++) {
                order.put(fields.get(i).path(), i);
            }
            schemaOrder.put(type, order);
        }
        for (DisclosurePolicy policy : policies.policies()) {
            for (String type : policy.messages().keySet()) {
                MessageType messageType = MessageType.fromRootElement(type).orElseThrow();
                views.put(key(policy.purpose(), messageType), new PolicyView(policy, messageType, policies.fields()));
            }
        }
    }

    /** Convenience for the gateway: policies from a directory, the secret from a file. */
    public static Redactor fromConfig(RedactionConfig config, MessageCodec codec, Clock clock) {
        return new Redactor(PolicyCatalog.load(config.policiesDir()), PseudonymKey.fromFile(config.pseudonymKeyFile()),
                codec, clock);
    }

    /** The recipient's copy of a message held as its JAXB model (written and re-read through the codec). */
    public RedactedMessage redact(MessageBase message, DisclosureRequest request) {
        return redact(codec.readDocument(codec.write(message)), request);
    }

    /**
     * The recipient's copy of {@code message} (not modified), as read by {@link MessageCodec#readDocument}.
     *
     * @throws RedactionException when the message must not go to this recipient at all
     */
    public RedactedMessage redact(Document message, DisclosureRequest request) {
        Element root = message.getDocumentElement();
        if (root == null || !NS.equals(root.getNamespaceURI())) {
            throw new RedactionException(RedactionException.Reason.NOT_A_MESSAGE, "not a message of namespace " + NS);
        }
        MessageType type = MessageType.fromRootElement(root.getLocalName()).orElseThrow(() -> new RedactionException(
                RedactionException.Reason.NOT_A_MESSAGE, "unknown message root element " + root.getLocalName()));
        DisclosurePolicy policy = policies.policy(request.purpose()).orElseThrow(() -> new RedactionException(
                RedactionException.Reason.NO_POLICY, "no disclosure policy for purpose '" + request.purpose() + "'"));
        LegalBasis basis = LegalBasis.byId(request.legalBasis()).filter(policy.legalBases()::contains)
                .orElseThrow(() -> new RedactionException(RedactionException.Reason.LEGAL_BASIS_NOT_ACCEPTED,
                        "policy " + policy.version() + " does not accept legal basis '" + request.legalBasis() + "'"));
        PolicyView view = views.get(key(policy.purpose(), type));
        if (view == null) {
            throw new RedactionException(RedactionException.Reason.MESSAGE_TYPE_NOT_COVERED,
                    "policy " + policy.version() + " discloses nothing of " + type.rootElement());
        }
        Element consent = child(root, "Consent");
        Element requestBasis = child(root, "LegalBasis");  // an InformationRequest names its own basis
        boolean consentGiven = consent != null && isTrue(text(child(consent, "Given")))
                || requestBasis != null && "CONSENT".equals(text(child(requestBasis, "Kind")))
                && text(child(requestBasis, "ConsentDate")) != null;
        // requires.consent concerns the message types that record consent (Consent element); a disclosure that
        // rests on consent itself needs it recorded in any type.
        boolean recordsConsent = policies.fields().field(type.rootElement() + "/Consent").isPresent();
        if ((policy.consentNeeded() && recordsConsent || basis == LegalBasis.CONSENT) && !consentGiven) {
            throw new RedactionException(RedactionException.Reason.CONSENT_MISSING, "policy " + policy.version()
                    + " requires the person's consent and message " + messageId(root) + " does not record it");
        }

        Document out = newDocument();
        Element outRoot = out.createElementNS(NS, root.getLocalName());
        out.appendChild(outRoot);
        Copy copy = new Copy(out, type, view, request.recipientId(), createdOn(root));
        Element header = child(root, "Header");
        if (header != null) {
            outRoot.appendChild(copy.deep(header));
        }
        for (Element child : children(root)) {
            String name = child.getLocalName();
            if (!name.equals("Header") && !name.equals("Disclosure")) {
                copy.process(child, type.rootElement() + "/" + name, outRoot);
            }
        }
        copy.sort(outRoot, type.rootElement());

        List<DisclosedField> disclosed = new ArrayList<>(copy.disclosed());
        List<DisclosedField> transformed = new ArrayList<>(view.transformed());
        if (type == MessageType.STATISTICS_REPORT && !request.smallCells().national()) {
            if (ReportControl.apply(outRoot, request.smallCells(), request.history())) {
                DisclosedField suppression = new DisclosedField(CELL_PATH, SUPPRESSION, CELL_PATH);
                disclosed.add(suppression);
                transformed.add(suppression);
            }
        }
        Element disclosure = disclosure(out, root, policy, basis, view.withheld(), transformed);
        outRoot.insertBefore(disclosure, header != null ? outRoot.getFirstChild().getNextSibling() : outRoot.getFirstChild());

        byte[] xml = serialise(out);
        validate(xml, root, request);
        return new RedactedMessage(out, xml, disclosed, view.withheld());
    }

    private Element disclosure(Document out, Element root, DisclosurePolicy policy, LegalBasis basis,
                               List<String> withheld, List<DisclosedField> transformed) {
        Element d = element(out, "Disclosure");
        d.appendChild(leaf(out, "Purpose", policy.purpose().id()));
        Element legal = element(out, "LegalBasis");
        legal.appendChild(leaf(out, "Kind", basis.kind()));
        legal.appendChild(leaf(out, "Title", basis.title()));
        legal.appendChild(leaf(out, "Article", basis.article()));
        // No ConsentDate here: it would copy a body field past the policy (the body's Consent, when the policy keeps
        // it, already says when consent was given).
        d.appendChild(legal);
        d.appendChild(leaf(out, "PolicyId", policy.version()));
        String id = messageId(root);
        if (id != null) {
            d.appendChild(leaf(out, "SourceMessageId", id));
        }
        d.appendChild(leaf(out, "DisclosedAt", TIMESTAMP.format(OffsetDateTime.now(clock))));
        if (!withheld.isEmpty()) {
            Element w = element(out, "Withheld");
            withheld.forEach(p -> w.appendChild(leaf(out, "Path", p)));
            d.appendChild(w);
        }
        if (!transformed.isEmpty()) {
            Element t = element(out, "Transformed");
            for (DisclosedField f : transformed) {
                Element field = element(out, "Field");
                field.appendChild(leaf(out, "Path", f.path()));
                field.appendChild(leaf(out, "Method", f.method()));
                field.appendChild(leaf(out, "ResultPath", f.resultPath()));
                t.appendChild(field);
            }
            d.appendChild(t);
        }
        return d;
    }

    private void validate(byte[] xml, Element source, DisclosureRequest request) {
        try {
            codec.validate(xml);
        } catch (MessageRejectedException e) {
            // The codec's text may quote values (personal data): report only the message id and recipient.
            throw new RedactionException(RedactionException.Reason.INVALID_RESULT, "the copy of message "
                    + messageId(source) + " for " + request.recipientId() + " under " + request.purpose()
                    + " fails the codec's checks (" + e.reason() + ")");
        }
    }

    private Document newDocument() {
        try {
            synchronized (documents) {
                return documents.newDocumentBuilder().newDocument();
            }
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] serialise(Document doc) {
        try {
            Transformer transformer;
            synchronized (transformers) {
                transformer = transformers.newTransformer();
            }
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            transformer.setOutputProperty(OutputKeys.STANDALONE, "yes");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(doc), new StreamResult(bytes));
            return bytes.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialise a redacted copy", e);
        }
    }

    private static String key(Purpose purpose, MessageType type) {
        return purpose.id() + "|" + type.rootElement();
    }

    private static String messageId(Element root) {
        return text(child(child(root, "Header"), "MessageId"));
    }

    /** The day the message was created, in the sender's offset: the reference day for age bands. */
    private LocalDate createdOn(Element root) {
        String created = text(child(child(root, "Header"), "CreatedAt"));
        try {
            return created == null ? LocalDate.now(clock) : OffsetDateTime.parse(created).toLocalDate();
        } catch (DateTimeParseException e) {
            return LocalDate.now(clock);
        }
    }

    static List<Element> children(Element parent) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                result.add(e);
            }
        }
        return result;
    }

    static Element child(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName()) && NS.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    static String text(Element e) {
        if (e == null) {
            return null;
        }
        String t = e.getTextContent().strip();
        return t.isEmpty() ? null : t;
    }

    static Element element(Document doc, String localName) {
        return doc.createElementNS(NS, localName);
    }

    static Element leaf(Document doc, String localName, String value) {
        Element e = element(doc, localName);
        e.setTextContent(value);
        return e;
    }

    private static boolean isTrue(String xsBoolean) {
        return "true".equals(xsBoolean) || "1".equals(xsBoolean);
    }

    /** What a policy withholds and transforms for one message type: computed once. */
    static final class PolicyView {
        private final Map<String, FieldRule> rules = new LinkedHashMap<>();
        private final List<String> withheld;
        private final List<DisclosedField> transformed = new ArrayList<>();

        PolicyView(DisclosurePolicy policy, MessageType type, SchemaFields fields) {
            for (FieldRule r : policy.rules(type.rootElement())) {
                rules.put(r.path(), r);
                if (r.transform() != Transform.KEEP) {
                    transformed.add(new DisclosedField(r.path(), r.transform().id(), resultPath(r)));
                }
            }
            Set<String> withheldAll = new LinkedHashSet<>();
            for (FieldDefinition f : fields.fields(type)) {
                if (f.inBody() && isWithheld(f.path())) {
                    withheldAll.add(f.path());
                }
            }
            List<String> topmost = new ArrayList<>();
            for (String p : withheldAll) {
                if (!withheldAll.contains(p.substring(0, p.lastIndexOf('/')))) {
                    topmost.add(p);
                }
            }
            this.withheld = List.copyOf(topmost);
        }

        static String resultPath(FieldRule r) {
            String parent = r.path().substring(0, r.path().lastIndexOf('/') + 1);
            return switch (r.transform()) {
                case KEEP, PSEUDONYMISE -> r.path();
                case MUNICIPALITY -> r.path() + "/" + r.transform().target();
                default -> parent + r.transform().target();
            };
        }

        private boolean isWithheld(String path) {
            for (FieldRule r : rules.values()) {
                String rp = r.path();
                if (rp.startsWith(path + "/")) {
                    return false;  // an ancestor of something disclosed
                }
                if (path.equals(rp)) {
                    return false;
                }
                if (path.startsWith(rp + "/")) {
                    // Under a rule: kept or transformed as a whole, except a place reduced to its municipality.
                    return r.transform() == Transform.MUNICIPALITY
                            && !path.equals(rp + "/" + Transform.MUNICIPALITY.target());
                }
                if (path.equals(resultPath(r))) {
                    return false;  // the generalised form a rule writes
                }
            }
            return true;
        }

        FieldRule rule(String path) {
            return rules.get(path);
        }

        boolean isAncestorOfRule(String path) {
            return rules.keySet().stream().anyMatch(p -> p.startsWith(path + "/"));
        }

        Iterable<FieldRule> rules() {
            return rules.values();
        }

        List<String> withheld() {
            return withheld;
        }

        List<DisclosedField> transformed() {
            return transformed;
        }
    }

    /** One copy being made: the recursive walk over the source. */
    private final class Copy {
        private final Document out;
        private final MessageType type;
        private final PolicyView view;
        private final String recipient;
        private final LocalDate createdOn;
        private final Map<String, DisclosedField> disclosed = new LinkedHashMap<>();

        Copy(Document out, MessageType type, PolicyView view, String recipient, LocalDate createdOn) {
            this.out = out;
            this.type = type;
            this.view = view;
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
            boolean required = policies.fields().field(path).map(FieldDefinition::required).orElse(false);
            if (container.hasChildNodes() || required) {
                sort(container, path);
                outParent.appendChild(container);
            }
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
                        Generalisation.birthYear(d) + String.format("-%02d", d.getMonthValue()))).orElse(null);
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
            result.appendChild(leaf(out, "IssuedBy", GATEWAY_ID));
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

        private java.util.Optional<LocalDate> date(Element e) {
            String value = text(e);
            try {
                // xs:date may carry a time zone suffix; the calendar date is what matters here.
                return value == null ? java.util.Optional.empty()
                        : java.util.Optional.of(LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value));
            } catch (DateTimeParseException ex) {
                return java.util.Optional.empty();
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
            Map<String, Integer> order = schemaOrder.get(type);
            List<Element> kids = children(parent);
            List<Element> sorted = new ArrayList<>(kids);
            sorted.sort((a, b) -> Integer.compare(order.getOrDefault(path + "/" + a.getLocalName(), Integer.MAX_VALUE),
                    order.getOrDefault(path + "/" + b.getLocalName(), Integer.MAX_VALUE)));
            if (!sorted.equals(kids)) {
                kids.forEach(parent::removeChild);
                sorted.forEach(parent::appendChild);
            }
        }
    }
}
