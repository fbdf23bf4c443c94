package org.tsunagi.schemas.codec;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.JAXBIntrospector;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.UnmarshallerHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.sax.TransformerHandler;
import javax.xml.transform.stream.StreamResult;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import org.tsunagi.schemas.MessageSchema;
import org.tsunagi.schemas.MessageType;
import org.tsunagi.schemas.model.MessageBase;
import org.tsunagi.schemas.model.ObjectFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.ContentHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads and writes Tsunagi messages. The only XML reader the project uses: every document, from any source, goes
 * through the same checks, in this order, and the first failure is thrown as a {@link MessageRejectedException}:
 * <ol>
 *   <li>bytes: size limit ({@code TOO_LARGE}), UTF-8 only ({@code UNSUPPORTED_ENCODING}), no DOCTYPE
 *       ({@code DOCTYPE_FORBIDDEN});</li>
 *   <li>structure, over the whole document before any schema processing: well-formed ({@code MALFORMED_XML}),
 *       depth and element-count limits ({@code TOO_DEEP}, {@code TOO_MANY_ELEMENTS}), no XInclude
 *       ({@code XINCLUDE_FORBIDDEN}), root element in the message namespace ({@code WRONG_NAMESPACE}) naming one of
 *       the seven types ({@code UNKNOWN_MESSAGE_TYPE});</li>
 *   <li>schema: XSD validation ({@code SCHEMA_INVALID}, with line, column and field path), local government code
 *       check digits ({@code INVALID_LOCAL_GOVERNMENT_CODE}), Header/MessageType equal to the root
 *       ({@code MESSAGE_TYPE_MISMATCH}).</li>
 * </ol>
 * DTDs, external entities and XInclude are never processed, so reading opens no file and no network connection.
 * Writing produces UTF-8 that has passed the same checks. One instance is meant to be shared: it is thread-safe,
 * compiles the schema and the JAXB context once, and reuses its configured parsers.
 */
public final class MessageCodec {

    private final CodecLimits limits;
    private final Schema schema;
    private final JAXBContext jaxb;
    private final ReaderPool readers = new ReaderPool(Runtime.getRuntime().availableProcessors() * 4);
    private final ValidatorPool validators;

    /** A codec with the default limits (10 MiB, depth 32, 200 000 elements). */
    public MessageCodec() {
        this(CodecLimits.defaults());
    }

    public MessageCodec(CodecLimits limits) {
        this.limits = Objects.requireNonNull(limits);
        this.schema = HardenedXml.compileSchema();
        this.validators = new ValidatorPool(schema, Runtime.getRuntime().availableProcessors() * 4);
        try {
            this.jaxb = JAXBContext.newInstance(ObjectFactory.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot build the JAXB context of the message model", e);
        }
    }

    public CodecLimits limits() {
        return limits;
    }

    /** Reads one message of any type into its model class (ReleaseNotice, Receipt, ...). */
    public MessageBase read(InputStream in) {
        return read(ByteScreen.readBounded(in, limits.maxBytes()));
    }

    /** Reads one message of any type into its model class. */
    public MessageBase read(byte[] document) {
        return bind(document, screen(document));
    }

    /** Reads one message and requires it to be of the expected type ({@code UNEXPECTED_MESSAGE_TYPE} otherwise). */
    public <T extends MessageBase> T read(InputStream in, Class<T> expected) {
        return read(ByteScreen.readBounded(in, limits.maxBytes()), expected);
    }

    /** Reads one message and requires it to be of the expected type ({@code UNEXPECTED_MESSAGE_TYPE} otherwise). */
    public <T extends MessageBase> T read(byte[] document, Class<T> expected) {
        MessageType type = screen(document);
        if (type.modelClass() != expected) {
            throw new MessageRejectedException(ReasonCode.UNEXPECTED_MESSAGE_TYPE,
                    "expected " + expected.getSimpleName() + ", got " + type.rootElement());
        }
        return expected.cast(bind(document, type));
    }

    /**
     * Reads one message into a namespace-aware DOM after all checks (for the redaction engine, which works with
     * field paths on the DOM). The DOM has no DOCTYPE and no entity references.
     */
    public Document readDocument(InputStream in) {
        return readDocument(ByteScreen.readBounded(in, limits.maxBytes()));
    }

    /** Reads one message into a namespace-aware DOM after all checks. */
    public Document readDocument(byte[] document) {
        MessageType type = screen(document);
        TransformerHandler sink = HardenedXml.newDomBuilder();
        DOMResult result = new DOMResult();
        sink.setResult(result);
        validate(document, type, sink);
        return (Document) result.getNode();
    }

    /**
     * A message read once: the validated DOM (for the redaction engine) and the model bound from that DOM.
     *
     * @param document the namespace-aware DOM, as {@link #readDocument} returns it; callers copy it before changing it
     * @param message  the model bound from {@code document}
     * @param type     its type
     */
    public record Parsed(Document document, MessageBase message, MessageType type) {
    }

    /**
     * Reads one message into both its DOM and its model with the checks of {@link #read(byte[])}: the document is
     * parsed and validated into a DOM, and the model is bound from that DOM rather than from a second parse.
     */
    public Parsed readParsed(byte[] document) {
        MessageType type = screen(document);
        TransformerHandler sink = HardenedXml.newDomBuilder();
        DOMResult result = new DOMResult();
        sink.setResult(result);
        validate(document, type, sink);
        Document dom = (Document) result.getNode();
        try {
            Object bound = JAXBIntrospector.getValue(jaxb.createUnmarshaller().unmarshal(dom));
            return new Parsed(dom, type.modelClass().cast(bound), type);
        } catch (JAXBException | ClassCastException e) {
            throw new IllegalStateException("a schema-valid document did not bind to the model", e);
        }
    }

    /** Runs every check without building anything; returns the message type. */
    public MessageType validate(byte[] document) {
        MessageType type = screen(document);
        validate(document, type, null);
        return type;
    }

    /** Runs every check without building anything; returns the message type. */
    public MessageType validate(InputStream in) {
        return validate(ByteScreen.readBounded(in, limits.maxBytes()));
    }

    /** Writes a message as UTF-8 XML; refused with the same reason codes as reading if it is not valid. */
    public byte[] write(MessageBase message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            Marshaller marshaller = jaxb.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, Boolean.TRUE);
            marshaller.marshal(message, out);
        } catch (JAXBException e) {
            throw new MessageRejectedException(ReasonCode.SCHEMA_INVALID,
                    "the message cannot be written: " + e.getClass().getSimpleName(), null, e);
        }
        byte[] bytes = out.toByteArray();
        checkWritten(bytes, MessageType.of(message));
        return bytes;
    }

    /** Writes a message as UTF-8 XML to a stream (after validating it completely). */
    public void write(MessageBase message, OutputStream out) {
        try {
            out.write(write(message));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the message", e);
        }
    }

    /** Serialises a DOM (e.g. a redacted copy) as UTF-8 XML, refused with the reading reason codes if not valid. */
    public byte[] write(Document document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            HardenedXml.newSerializer().transform(new DOMSource(document), new StreamResult(out));
        } catch (TransformerException e) {
            throw new MessageRejectedException(ReasonCode.MALFORMED_XML, "the document cannot be serialised", null, e);
        }
        byte[] bytes = out.toByteArray();
        Element root = document.getDocumentElement();
        Optional<MessageType> type = root == null || !MessageSchema.NAMESPACE.equals(root.getNamespaceURI())
                ? Optional.empty() : MessageType.fromRootElement(root.getLocalName());
        if (type.isPresent()) {
            checkWritten(bytes, type.get());
        } else {
            validate(bytes); // refused with the reading reason code (WRONG_NAMESPACE, UNKNOWN_MESSAGE_TYPE, ...)
        }
        return bytes;
    }

    /**
     * Every check of reading, on bytes this codec has just serialised, in one parse instead of two: the structure
     * screen runs in the same pass, in front of the validator, so the limits still hold before the schema sees an
     * element; only which failure is reported first can differ from reading, and a document the codec writes is
     * refused either way. Reading keeps its separate structure pass: there the order of reason codes is part of the
     * contract with senders.
     */
    private void checkWritten(byte[] bytes, MessageType type) {
        ByteScreen.check(bytes, limits.maxBytes());
        MessageType found = validate(bytes, type, null);
        if (found != type) {
            throw new MessageRejectedException(ReasonCode.MESSAGE_TYPE_MISMATCH, "written as " + type.rootElement()
                    + ", serialised as " + (found == null ? "nothing" : found.rootElement()));
        }
    }

    private MessageBase bind(byte[] document, MessageType type) {
        UnmarshallerHandler sink;
        try {
            sink = jaxb.createUnmarshaller().getUnmarshallerHandler();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot create a JAXB unmarshaller", e);
        }
        validate(document, type, sink);
        try {
            return type.modelClass().cast(sink.getResult());
        } catch (JAXBException e) {
            throw new IllegalStateException("a schema-valid document did not bind to the model", e);
        }
    }

    /** Byte checks and the structure pass. */
    private MessageType screen(byte[] document) {
        ByteScreen.check(document, limits.maxBytes());
        StructureScreen structure = new StructureScreen(limits, new DocumentPosition());
        parse(document, structure);
        return structure.messageType()
                .orElseThrow(() -> new MessageRejectedException(ReasonCode.MALFORMED_XML, "no root element"));
    }

    /** The schema pass, feeding {@code sink} (or nothing) with the validated events; the root element's type. */
    private MessageType validate(byte[] document, MessageType type, ContentHandler sink) {
        DocumentPosition position = new DocumentPosition();
        StructureScreen structure = new StructureScreen(limits, position);
        ValidatorHandler validator = validators.borrow();
        SchemaChecks checks = new SchemaChecks(validator.getTypeInfoProvider(), position, type);
        validator.setErrorHandler(checks);
        validator.setContentHandler(checks);
        if (sink != null) {
            checks.setContentHandler(sink);
        }
        structure.setContentHandler(validator);
        parse(document, structure);
        validators.giveBack(validator);
        return structure.messageType().orElse(null);
    }

    private void parse(byte[] document, StructureScreen structure) {
        XMLReader reader = readers.borrow();
        structure.setParent(reader);
        structure.setErrorHandler(structure);
        structure.setEntityResolver(structure);
        InputSource input = new InputSource(new ByteArrayInputStream(document));
        input.setEncoding("UTF-8");
        try {
            structure.parse(input);
        } catch (RejectionSignal signal) {
            throw signal.rejection();
        } catch (SAXException e) {
            if (e.getCause() instanceof RejectionSignal signal) {
                throw signal.rejection();
            }
            throw new MessageRejectedException(ReasonCode.MALFORMED_XML, String.valueOf(e.getMessage()), null, e);
        } catch (IOException e) {
            throw new MessageRejectedException(ReasonCode.MALFORMED_XML, "the document cannot be read", null, e);
        } finally {
            readers.giveBack(reader);
        }
    }
}
