package org.tsunagi.schemas.codec;

import java.util.Optional;
import org.tsunagi.schemas.MessageSchema;
import org.tsunagi.schemas.MessageType;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * The first SAX stage: tracks the element path, enforces the depth and element-count limits, refuses XInclude, and
 * identifies the message type from the root element. Parser errors become MALFORMED_XML; external entities are
 * refused even if a parser were ever configured to ask for them.
 */
final class StructureScreen extends XMLFilterImpl {

    static final String XINCLUDE_NAMESPACE = "http://www.w3.org/2001/XInclude";

    private final CodecLimits limits;
    private final DocumentPosition position;
    private MessageType messageType;
    private int elements;

    StructureScreen(CodecLimits limits, DocumentPosition position) {
        this.limits = limits;
        this.position = position;
    }

    Optional<MessageType> messageType() {
        return Optional.ofNullable(messageType);
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        position.setLocator(locator);
        super.setDocumentLocator(locator);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        position.push(localName);
        if (++elements > limits.maxElements()) {
            throw reject(ReasonCode.TOO_MANY_ELEMENTS, "more than " + limits.maxElements() + " elements");
        }
        if (position.depth() > limits.maxDepth()) {
            throw reject(ReasonCode.TOO_DEEP, "elements nested deeper than " + limits.maxDepth() + " levels");
        }
        if (XINCLUDE_NAMESPACE.equals(uri)) {
            throw reject(ReasonCode.XINCLUDE_FORBIDDEN, "XInclude is not accepted");
        }
        if (position.depth() == 1) {
            identify(uri, localName);
        }
        super.startElement(uri, localName, qName, atts);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        super.endElement(uri, localName, qName);
        position.pop();
    }

    private void identify(String uri, String localName) throws RejectionSignal {
        if (!MessageSchema.NAMESPACE.equals(uri)) {
            throw reject(ReasonCode.WRONG_NAMESPACE, "the root element must be in namespace " + MessageSchema.NAMESPACE
                    + (uri == null || uri.isEmpty() ? " (it has none)" : ""));
        }
        messageType = MessageType.fromRootElement(localName)
                .orElseThrow(() -> reject(ReasonCode.UNKNOWN_MESSAGE_TYPE, "no message type " + localName));
    }

    @Override
    public InputSource resolveEntity(String publicId, String systemId) throws SAXException {
        throw reject(ReasonCode.DOCTYPE_FORBIDDEN, "external entities are not accepted");
    }

    @Override
    public void warning(SAXParseException e) {
        // Parser warnings do not make a document unacceptable.
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
        throw malformed(e);
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
        throw malformed(e);
    }

    private RejectionSignal malformed(SAXParseException e) {
        return new RejectionSignal(new MessageRejectedException(ReasonCode.MALFORMED_XML,
                String.valueOf(e.getMessage()), position.at(e)));
    }

    private RejectionSignal reject(ReasonCode reason, String detail) {
        return new RejectionSignal(new MessageRejectedException(reason, detail, position.here()));
    }
}
