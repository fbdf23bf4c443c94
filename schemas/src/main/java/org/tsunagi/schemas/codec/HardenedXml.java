package org.tsunagi.schemas.codec;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.sax.SAXTransformerFactory;
import javax.xml.transform.sax.TransformerHandler;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import org.tsunagi.schemas.MessageSchema;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * The one place where JAXP objects are configured. Always the JDK's built-in implementations (a different parser on
 * the class path must not silently change the hardening), with DTDs disallowed, external access switched off and
 * secure processing on. Factories are made per use: JAXP does not promise that they are thread-safe.
 */
final class HardenedXml {

    private HardenedXml() {
    }

    static XMLReader newXmlReader() {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultNSInstance();
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            XMLReader reader = factory.newSAXParser().getXMLReader();
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required security feature", e);
        }
    }

    /** Compiles the bundled XSD once; the result is immutable and thread-safe. */
    static Schema compileSchema() {
        try {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // The XSD is a single file: nothing to fetch.
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(MessageSchema.xsd());
        } catch (SAXException e) {
            throw new IllegalStateException("cannot compile the message XSD", e);
        }
    }

    static ValidatorHandler newValidatorHandler(Schema schema) {
        ValidatorHandler handler = schema.newValidatorHandler();
        try {
            handler.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            handler.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            handler.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("the JDK's validator lacks a required security feature", e);
        }
        // A validator of a compiled Schema uses only that schema's grammars: xsi:schemaLocation hints are not
        // followed, and with external schema access switched off above they could not be either.
        return handler;
    }

    static TransformerHandler newDomBuilder() {
        try {
            return saxTransformerFactory().newTransformerHandler();
        } catch (TransformerConfigurationException e) {
            throw new IllegalStateException("cannot create a DOM builder", e);
        }
    }

    /** An identity transformer that writes UTF-8 without a DOCTYPE, indented by two (as copies are sent). */
    static Transformer newSerializer() {
        try {
            Transformer transformer = saxTransformerFactory().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.METHOD, "xml");
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "no");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            transformer.setOutputProperty(OutputKeys.STANDALONE, "yes");
            return transformer;
        } catch (TransformerConfigurationException e) {
            throw new IllegalStateException("cannot create an XML serializer", e);
        }
    }

    private static SAXTransformerFactory saxTransformerFactory() throws TransformerConfigurationException {
        TransformerFactory factory = TransformerFactory.newDefaultInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        return (SAXTransformerFactory) factory;
    }
}
