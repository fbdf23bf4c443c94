package org.tsunagi.gateway.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tsunagi.routes.pipeline.MessageRefused;
import org.tsunagi.routes.pipeline.ReadMessage;
import org.tsunagi.routes.pipeline.RedactedCopy;
import org.tsunagi.routes.pipeline.WithheldCopy;
import org.tsunagi.routes.redaction.DisclosureRequest;
import org.tsunagi.routes.redaction.RedactedMessage;
import org.tsunagi.routes.redaction.RedactionException;
import org.tsunagi.routes.redaction.Redactor;
import org.tsunagi.routes.redaction.SmallCellRule;
import org.tsunagi.routes.redaction.StatisticsHistory;
import org.tsunagi.routes.routing.Disclosure;
import org.tsunagi.gateway.statistics.StatisticsReleases;
import org.tsunagi.gateway.statistics.TableLocation;
import org.tsunagi.schemas.MessageType;
import org.tsunagi.schemas.codec.MessageCodec;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Makes a recipient's copy with the {@link Redactor}: the purpose's policy decides what leaves (default deny), and
 * the header's {@code To} names the recipient. For
 * an InformationResponse, the body is first cut down to the items the requester asked for, so that the copy
 * carries nothing else even where the policy would allow more.
 */
final class RedactionCopies implements Redacting.CopyMaker {

    /** Kept whatever was asked: they say how the request was answered, not about the person. */
    private static final Set<String> ALWAYS = Set.of("Header", "Disclosure", "Status", "DeclineReason");

    private final Redactor redactor;
    private final MessageCodec codec;
    private final StatisticsReleases statistics;

    RedactionCopies(Redactor redactor, MessageCodec codec, StatisticsReleases statistics) {
        this.redactor = redactor;
        this.codec = codec;
        this.statistics = statistics;
    }

    @Override
    public Document parse(ReadMessage message) {
        // Read already parsed it (Reading); only a message read without its DOM is parsed again.
        return message.document() != null ? message.document() : codec.readDocument(message.opened().xml());
    }

    @Override
    public RedactedCopy redact(ReadMessage message, Document source, Disclosure disclosure,
                               List<RedactedCopy> earlier) {
        addressTo(source, disclosure.recipientId());
        if (!disclosure.onlyItems().isEmpty()) {
            keepOnly(source.getDocumentElement(), source.getDocumentElement().getLocalName(),
                    disclosure.onlyItems());
        }
        var terms = disclosure.terms();
        SmallCellRule cells = statistics.rule(terms.minimumCellCount());
        // A report's copy is protected against everything the recipient (and its group) already holds.
        StatisticsHistory history = message.type() == MessageType.STATISTICS_REPORT
                ? statistics.history(message.opened().xml(), message.sender(), message.facts().messageId(),
                        disclosure.recipientId(), earlier.stream().map(c -> new StatisticsReleases.Copy(
                                c.disclosure().recipientId(), c.xml())).toList())
                : StatisticsHistory.NONE;
        try {
            RedactedMessage copy = redactor.redact(source, new DisclosureRequest(disclosure.recipientId(),
                    terms.purpose(), terms.legalBasis().id(), cells, history));
            return new RedactedCopy(disclosure, copy.xml(), copy.disclosed());
        } catch (RedactionException e) {
            if (e.reason() == RedactionException.Reason.STATISTICS_DISCLOSURE_RISK) {
                // About what this recipient (or its group) holds, not about the report: only its copy is withheld.
                throw new Redacting.CopyWithheld(new WithheldCopy(disclosure, e.reason().name(),
                        TableLocation.tables(message.opened().xml(), e.tables())));
            }
            throw new MessageRefused(MessageRefused.Stage.REDACT, e.reason().name(),
                    "copy for " + disclosure.recipientId() + " under " + terms.purpose() + " refused",
                    message.facts(), List.of(), e.table().isPresent()
                            ? TableLocation.of(message.opened().xml(), e.table().getAsInt()) : null);
        }
    }

    /**
     * A copy's header names its recipient in {@code To} (the schema: "the recipient's id on copies the gateway
     * sends"); MessageId, From and CorrelationId stay the sender's, so that an answer can name what it answers.
     */
    private static void addressTo(Document document, String recipientId) {
        for (Node n = document.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element header && "Header".equals(header.getLocalName())) {
                for (Node h = header.getFirstChild(); h != null; h = h.getNextSibling()) {
                    if (h instanceof Element to && "To".equals(to.getLocalName())) {
                        to.setTextContent(recipientId);
                    }
                }
            }
        }
    }

    /** Removes every element of {@code element} that is neither an asked-for item nor on the way to one. */
    private static void keepOnly(Element element, String path, Set<String> items) {
        List<Element> children = new ArrayList<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                children.add(child);
            }
        }
        for (Element child : children) {
            String childPath = path + "/" + child.getLocalName();
            if (path.indexOf('/') < 0 && ALWAYS.contains(child.getLocalName())) {
                continue;
            }
            boolean asked = items.stream().anyMatch(i -> childPath.equals(i) || childPath.startsWith(i + "/"));
            boolean onTheWay = items.stream().anyMatch(i -> i.startsWith(childPath + "/"));
            if (onTheWay && !asked) {
                keepOnly(child, childPath, items);
            } else if (!asked) {
                element.removeChild(child);
            }
        }
    }
}
