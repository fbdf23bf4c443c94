package org.tsunagi.routes.redaction;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.tsunagi.schemas.MessageSchema;
import org.tsunagi.schemas.MessageType;
import org.tsunagi.schemas.codec.MessageCodec;
import org.w3c.dom.Document;

/** Shared fixtures: the real policies, a fixed key and clock, the schemas' samples, independent validation. */
final class TestMessages {

    static final Path POLICIES = locate("gateway/config/policies");
    static final PseudonymKey KEY = PseudonymKey.of("0123456789abcdef0123456789abcdef".getBytes());
    static final MessageCodec CODEC = new MessageCodec();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T01:00:00Z"), ZoneOffset.UTC);

    private static final Schema SCHEMA = schema();

    private static Schema schema() {
        try {
            return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(MessageSchema.xsd());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private TestMessages() {
    }

    /** The repository path, from the module directory Maven runs tests in. */
    static Path locate(String relative) {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (p.resolve(relative).toFile().exists()) {
                return p.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + here);
    }

    /** The demo gateway's participant id: the IssuedBy of pseudonyms in the golden copies. */
    static final String GATEWAY_ID = "tsunagi-gateway";

    static Redactor redactor() {
        return new Redactor(GATEWAY_ID, PolicyCatalog.load(POLICIES), KEY, CODEC, CLOCK);
    }

    static Document sample(MessageType type) {
        try (InputStream in = MessageSchema.class.getResourceAsStream(type.sampleResource())) {
            return CODEC.readDocument(in.readAllBytes());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Validates serialised bytes against the published XSD alone, independently of the codec the redactor uses. */
    static void assertValid(byte[] xml) {
        try {
            SCHEMA.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (Exception e) {
            throw new AssertionError("redacted copy does not validate: " + e.getMessage(), e);
        }
    }

    static void assertValid(Document doc) {
        try {
            SCHEMA.newValidator().validate(new DOMSource(doc));
        } catch (Exception e) {
            throw new AssertionError("redacted copy does not validate: " + e.getMessage(), e);
        }
    }
}
