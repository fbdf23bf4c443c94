package org.tsunagi.schemas.codec;

import javax.xml.validation.TypeInfoProvider;
import org.tsunagi.schemas.LocalGovernmentCode;
import org.tsunagi.schemas.MessageSchema;
import org.tsunagi.schemas.MessageType;
import org.w3c.dom.TypeInfo;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Runs behind the schema validator: turns validation errors into SCHEMA_INVALID, and adds the checks XSD 1.0 cannot
 * express: the check digit of every element typed LocalGovernmentCode (found through the validator's type
 * information, so a new element of that type is checked without code changes), and Header/MessageType = root.
 */
final class SchemaChecks extends XMLFilterImpl {

    private static final String CODE_TYPE = "LocalGovernmentCode";

    private final TypeInfoProvider types;
    private final DocumentPosition position;
    private final MessageType messageType;
    private final String headerTypePath;
    private StringBuilder text;

    SchemaChecks(TypeInfoProvider types, DocumentPosition position, MessageType messageType) {
        this.types = types;
        this.position = position;
        this.messageType = messageType;
        this.headerTypePath = messageType.rootElement() + "/Header/MessageType";
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        text = isLocalGovernmentCode(types.getElementTypeInfo()) || position.path().equals(headerTypePath)
                ? new StringBuilder(16) : null;
        super.startElement(uri, localName, qName, atts);
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (text != null) {
            text.append(ch, start, length);
        }
        super.characters(ch, start, length);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        if (text != null) {
            String value = text.toString().trim();
            text = null;
            if (position.path().equals(headerTypePath)) {
                if (!value.equals(messageType.rootElement())) {
                    throw reject(ReasonCode.MESSAGE_TYPE_MISMATCH,
                            "Header/MessageType " + value + " differs from the root element " + messageType.rootElement());
                }
            } else if (!LocalGovernmentCode.isValid(value)) {
                throw reject(ReasonCode.INVALID_LOCAL_GOVERNMENT_CODE, "the local government code fails its check digit");
            }
        }
        super.endElement(uri, localName, qName);
    }

    private RejectionSignal reject(ReasonCode reason, String detail) {
        return new RejectionSignal(new MessageRejectedException(reason, detail, position.here()));
    }

    private static boolean isLocalGovernmentCode(TypeInfo type) {
        return type != null && (CODE_TYPE.equals(type.getTypeName()) && MessageSchema.NAMESPACE.equals(type.getTypeNamespace())
                || type.isDerivedFrom(MessageSchema.NAMESPACE, CODE_TYPE, TypeInfo.DERIVATION_RESTRICTION));
    }

    /** Error handler of the validator. */
    @Override
    public void warning(SAXParseException e) {
        // Schema warnings do not make a document invalid.
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
        throw new RejectionSignal(new MessageRejectedException(ReasonCode.SCHEMA_INVALID, describe(e), position.at(e)));
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
        error(e);
    }

    /**
     * Validator messages about values quote the value, which may be personal data: keep only the message key for
     * those. Messages about structure name elements only and are kept whole.
     */
    static String describe(SAXParseException e) {
        String message = String.valueOf(e.getMessage());
        int colon = message.indexOf(':');
        String key = colon > 0 ? message.substring(0, colon) : message;
        if (key.startsWith("cvc-complex-type") || key.startsWith("cvc-elt")) {
            return message;
        }
        return key.matches("cvc-[A-Za-z0-9.\\-]+") ? key + " (value not conforming to its type)" : "schema violation";
    }
}
