package org.tsunagi.routes.redaction;

import java.util.ArrayList;
import java.util.List;
import org.tsunagi.schemas.MessageSchema;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Reading and writing the elements of a message DOM (namespace {@link MessageSchema#NAMESPACE}), by local name. */
final class MessageElements {

    static final String NS = MessageSchema.NAMESPACE;

    private MessageElements() {
    }

    /** The child elements; none for a missing parent. */
    static List<Element> children(Element parent) {
        List<Element> result = new ArrayList<>();
        if (parent == null) {
            return result;
        }
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

    /** The element's text, stripped; null for a missing or empty element. */
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
}
