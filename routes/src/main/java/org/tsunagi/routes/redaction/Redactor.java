package org.tsunagi.routes.redaction;

import static org.tsunagi.routes.redaction.MessageElements.child;
import static org.tsunagi.routes.redaction.MessageElements.children;
import static org.tsunagi.routes.redaction.MessageElements.element;
import static org.tsunagi.routes.redaction.MessageElements.leaf;
import static org.tsunagi.routes.redaction.MessageElements.text;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tsunagi.schemas.MessageType;
import org.tsunagi.schemas.catalog.FieldDefinition;
import org.tsunagi.schemas.codec.MessageCodec;
import org.tsunagi.schemas.codec.MessageRejectedException;
import org.tsunagi.schemas.model.MessageBase;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

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

    static final String NS = MessageElements.NS;
    private static final String CELL_PATH = "StatisticsReport/Table/Rows/Row/Cell";
    private static final String SUPPRESSION = "small-cell-suppression";
    /** Always with seconds and an offset, as the schema's Timestamp requires. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private final PolicyCatalog policies;
    private final PseudonymKey pseudonyms;
    private final Clock clock;
    private final MessageCodec codec;
    private final String gatewayId;
    private final Map<MessageType, Map<String, Integer>> schemaOrder = new EnumMap<>(MessageType.class);
    private final Map<String, PolicyView> views = new HashMap<>();

    /**
     * @param gatewayId  the gateway's participant id: the {@code IssuedBy} of the pseudonyms it writes
     * @param policies   the loaded policies
     * @param pseudonyms the gateway's pseudonym secret
     * @param codec      the shared message codec: copies are written through it and pass all of its checks
     * @param clock      for {@code Disclosure/DisclosedAt}
     */
    public Redactor(String gatewayId, PolicyCatalog policies, PseudonymKey pseudonyms, MessageCodec codec,
                    Clock clock) {
        this.gatewayId = Objects.requireNonNull(gatewayId);
        this.policies = Objects.requireNonNull(policies);
        this.pseudonyms = Objects.requireNonNull(pseudonyms);
        this.codec = Objects.requireNonNull(codec);
        this.clock = Objects.requireNonNull(clock);
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

        // A new document of the same DOM implementation as the codec's: no second JAXP configuration here.
        Document out = message.getImplementation().createDocument(NS, root.getLocalName(), null);
        Element outRoot = out.getDocumentElement();
        CopyWalk copy = new CopyWalk(out, view, policies.fields(), schemaOrder.get(type), pseudonyms, gatewayId,
                request.recipientId(), createdOn(root));
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

        byte[] xml = write(out, root, request);
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
                field.appendChild(leaf(out, "Method", f.transform()));
                field.appendChild(leaf(out, "ResultPath", f.resultPath()));
                t.appendChild(field);
            }
            d.appendChild(t);
        }
        return d;
    }

    /** Serialised and checked by the codec: a copy that fails any check is refused, never sent. */
    private byte[] write(Document copy, Element source, DisclosureRequest request) {
        try {
            return codec.write(copy);
        } catch (MessageRejectedException e) {
            // The codec's text may quote values (personal data): report only the message id and recipient.
            throw new RedactionException(RedactionException.Reason.INVALID_RESULT, "the copy of message "
                    + messageId(source) + " for " + request.recipientId() + " under " + request.purpose()
                    + " fails the codec's checks (" + e.reason() + ")");
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

    private static boolean isTrue(String xsBoolean) {
        return "true".equals(xsBoolean) || "1".equals(xsBoolean);
    }
}
