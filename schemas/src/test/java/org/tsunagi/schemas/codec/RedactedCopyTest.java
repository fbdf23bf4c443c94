package org.tsunagi.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tsunagi.schemas.MessageSchema;
import org.tsunagi.schemas.MessageType;
import org.tsunagi.schemas.catalog.FieldCatalog;
import org.tsunagi.schemas.catalog.FieldDefinition;
import org.tsunagi.schemas.model.ReleaseNotice;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What the redaction engine does to a DOM (withhold, generalise, pseudonymise, suppress, add a Disclosure) must
 * leave a document the same schema accepts; breaking the documented rules must not.
 */
class RedactedCopyTest {

    private static final MessageCodec CODEC = new MessageCodec();
    private static final String NS = MessageSchema.NAMESPACE;

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everyOptionalBodyElementCanBeWithheld(MessageType type) throws IOException {
        Document document = CODEC.readDocument(CodecBehaviourTest.sample(type));
        // Remove, bottom-up, every element the catalog does not mark required.
        List<Element> removable = new ArrayList<>();
        collectOptional(document.getDocumentElement(), type.rootElement(), removable);
        removable.forEach(e -> e.getParentNode().removeChild(e));
        assertThat(CODEC.validate(CODEC.write(document))).isEqualTo(type);
    }

    @Test
    void generalisedAndPseudonymisedCopyOfTheReleaseNoticeIsValid() throws IOException {
        Document document = CODEC.readDocument(CodecBehaviourTest.sample(MessageType.RELEASE_NOTICE));
        remove(document, "VictimRelatedRemarks");
        remove(document, "Address");
        remove(document, "ReceivingPerson");
        remove(document, "Kanji");
        remove(document, "Kana");
        replace(document, "DateOfBirth", "BirthYear", "1984");
        replace(document, "PlannedReleaseDate", "PlannedReleaseMonth", "2026-12");
        while (document.getElementsByTagNameNS(NS, "OffenceCode").getLength() > 0) {
            remove(document, "OffenceCode");
        }
        while (document.getElementsByTagNameNS(NS, "OffenceName").getLength() > 0) {
            remove(document, "OffenceName");
        }
        Element identifier = (Element) document.getElementsByTagNameNS(NS, "Identifier").item(0);
        identifier.getElementsByTagNameNS(NS, "Scheme").item(0).setTextContent("pseudonym");
        identifier.getElementsByTagNameNS(NS, "Value").item(0)
                .setTextContent("p1:9c2f0c6b1e4a4e3d8f7a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e");
        identifier.getElementsByTagNameNS(NS, "IssuedBy").item(0).setTextContent("tsunagi-gateway");
        insertDisclosure(document);

        ReleaseNotice copy = CODEC.read(CODEC.write(document), ReleaseNotice.class);
        assertThat(copy.getPerson().getBirthYear().getYear()).isEqualTo(1984);
        assertThat(copy.getPerson().getDateOfBirth()).isNull();
        assertThat(copy.getVictimRelatedRemarks()).isNull();
        assertThat(copy.getDisclosure().getWithheld().getPath())
                .contains("ReleaseNotice/VictimRelatedRemarks", "ReleaseNotice/PlannedPlaceOfReturn/Address");
        assertThat(copy.getDisclosure().getTransformed().getField()).extracting(f -> f.getMethod())
                .containsExactly("birth-year", "pseudonym");
        assertThat(copy.getDisclosure().getWithheld().getPath()).allMatch(FieldCatalog::isValidPath);
    }

    @Test
    void ageBandIsAnAlternativeToTheDateOfBirth() throws IOException {
        Document document = CODEC.readDocument(CodecBehaviourTest.sample(MessageType.RELEASE_NOTICE));
        replace(document, "DateOfBirth", "AgeBand", "40-49");
        assertThat(CODEC.validate(CODEC.write(document))).isEqualTo(MessageType.RELEASE_NOTICE);
    }

    @Test
    void suppressedStatisticsCellsAreValid() throws IOException {
        Document document = CODEC.readDocument(CodecBehaviourTest.sample(MessageType.STATISTICS_REPORT));
        for (String valueElement : List.of("Count", "Rate")) {
            Element value = (Element) document.getElementsByTagNameNS(NS, valueElement).item(0);
            Element cell = (Element) value.getParentNode();
            for (String drop : List.of("Numerator", "Denominator")) {
                Node n = cell.getElementsByTagNameNS(NS, drop).item(0);
                if (n != null) {
                    cell.removeChild(n);
                }
            }
            Element suppressed = document.createElementNS(NS, "Suppressed");
            suppressed.setTextContent("SMALL_CELL");
            cell.replaceChild(suppressed, value);
        }
        assertThat(CODEC.validate(CODEC.write(document))).isEqualTo(MessageType.STATISTICS_REPORT);
    }

    @Test
    void anEmptyListContainerIsRefused() throws IOException {
        Document document = CODEC.readDocument(CodecBehaviourTest.sample(MessageType.RELEASE_NOTICE));
        Element offences = (Element) document.getElementsByTagNameNS(NS, "Offences").item(0);
        while (offences.getFirstChild() != null) {
            offences.removeChild(offences.getFirstChild());
        }
        assertThat(writeReason(document)).isEqualTo(ReasonCode.SCHEMA_INVALID);
    }

    @Test
    void disclosureMustFollowTheHeader() throws IOException {
        Document document = CODEC.readDocument(CodecBehaviourTest.sample(MessageType.RELEASE_NOTICE));
        insertDisclosure(document);
        Element root = document.getDocumentElement();
        Element disclosure = (Element) document.getElementsByTagNameNS(NS, "Disclosure").item(0);
        root.insertBefore(disclosure, root.getFirstChild());
        assertThat(writeReason(document)).isEqualTo(ReasonCode.SCHEMA_INVALID);
    }

    @Test
    void anElementOutsideTheNamespaceIsRefused() throws IOException {
        Document document = CODEC.readDocument(CodecBehaviourTest.sample(MessageType.RELEASE_NOTICE));
        Element person = (Element) document.getElementsByTagNameNS(NS, "Person").item(0);
        person.appendChild(document.createElementNS("urn:example:other", "Note"));
        assertThat(writeReason(document)).isEqualTo(ReasonCode.SCHEMA_INVALID);
    }

    private static void collectOptional(Element element, String path, List<Element> out) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                String childPath = path + "/" + child.getLocalName();
                FieldDefinition field = FieldCatalog.field(childPath).orElseThrow(() -> new AssertionError(childPath));
                if (field.inBody() && !field.required()) {
                    out.add(child);
                } else {
                    collectOptional(child, childPath, out);
                }
            }
        }
    }

    private static void insertDisclosure(Document document) {
        Element disclosure = document.createElementNS(NS, "Disclosure");
        append(disclosure, "Purpose", "welfare-support");
        Element basis = append(disclosure, "LegalBasis", null);
        append(basis, "Kind", "LAW");
        append(basis, "Title", "個人情報の保護に関する法律");
        append(basis, "Article", "第69条第2項第3号");
        append(disclosure, "PolicyId", "welfare-support/1");
        append(disclosure, "SourceMessageId", "b19f23ce-05e7-41fd-b690-e4d63f56a116");
        append(disclosure, "DisclosedAt", "2026-11-20T00:31:05Z");
        Element withheld = append(disclosure, "Withheld", null);
        append(withheld, "Path", "ReleaseNotice/PlannedPlaceOfReturn/Address");
        append(withheld, "Path", "ReleaseNotice/VictimRelatedRemarks");
        Element transformed = append(disclosure, "Transformed", null);
        Element birth = append(transformed, "Field", null);
        append(birth, "Path", "ReleaseNotice/Person/DateOfBirth");
        append(birth, "Method", "birth-year");
        append(birth, "ResultPath", "ReleaseNotice/Person/BirthYear");
        Element pseudonym = append(transformed, "Field", null);
        append(pseudonym, "Path", "ReleaseNotice/Person/Identifiers/Identifier/Value");
        append(pseudonym, "Method", "pseudonym");
        Element root = document.getDocumentElement();
        Element header = (Element) root.getElementsByTagNameNS(NS, "Header").item(0);
        root.insertBefore(disclosure, header.getNextSibling());
    }

    private static Element append(Element parent, String name, String text) {
        Element child = parent.getOwnerDocument().createElementNS(NS, name);
        if (text != null) {
            child.setTextContent(text);
        }
        parent.appendChild(child);
        return child;
    }

    private static void remove(Document document, String localName) {
        Node node = document.getElementsByTagNameNS(NS, localName).item(0);
        node.getParentNode().removeChild(node);
    }

    private static void replace(Document document, String localName, String newName, String text) {
        Node old = document.getElementsByTagNameNS(NS, localName).item(0);
        Element replacement = document.createElementNS(NS, newName);
        replacement.setTextContent(text);
        old.getParentNode().replaceChild(replacement, old);
    }

    /**
     * Writing checks its own output in one parse (the structure screen in front of the validator, not a pass of its
     * own): the element limit, the namespace, the message type and the schema still refuse a copy, each with its
     * code (nesting deeper than the depth limit, at least 8, is always against the schema, which nests 6), and
     * a codec whose validator saw a refused copy still refuses and accepts as before (validators are reused only
     * after a clean document).
     */
    @Test
    void writingChecksLimitsNamespaceTypeAndSchemaInOnePass() throws IOException {
        byte[] sample = CodecBehaviourTest.sample(MessageType.RELEASE_NOTICE);
        int elements = CODEC.readDocument(sample).getElementsByTagNameNS("*", "*").getLength();
        MessageCodec tight = new MessageCodec(CodecLimits.defaults().withMaxElements(elements - 1));
        assertThat(catchThrowableOfType(() -> tight.write(CODEC.readDocument(sample)),
                MessageRejectedException.class).reason()).isEqualTo(ReasonCode.TOO_MANY_ELEMENTS);

        Document foreign = CODEC.readDocument(sample);
        Element root = foreign.getDocumentElement();
        Element other = foreign.createElementNS("urn:example:other", root.getLocalName());
        while (root.getFirstChild() != null) {
            other.appendChild(root.getFirstChild());
        }
        foreign.replaceChild(other, root);
        assertThat(writeReason(foreign)).isEqualTo(ReasonCode.WRONG_NAMESPACE);

        Document mislabelled = CODEC.readDocument(sample);
        mislabelled.getElementsByTagNameNS(NS, "MessageType").item(0).setTextContent("Receipt");
        assertThat(writeReason(mislabelled)).isEqualTo(ReasonCode.MESSAGE_TYPE_MISMATCH);

        for (int round = 0; round < 3; round++) {
            Document invalid = CODEC.readDocument(sample);
            Element offences = (Element) invalid.getElementsByTagNameNS(NS, "Offences").item(0);
            while (offences.getFirstChild() != null) {
                offences.removeChild(offences.getFirstChild());
            }
            assertThat(writeReason(invalid)).isEqualTo(ReasonCode.SCHEMA_INVALID);
            assertThat(CODEC.validate(CODEC.write(CODEC.readDocument(sample)))).isEqualTo(MessageType.RELEASE_NOTICE);
        }
    }

    private static ReasonCode writeReason(Document document) {
        MessageRejectedException e = catchThrowableOfType(() -> CODEC.write(document), MessageRejectedException.class);
        assertThat(e).as("refused").isNotNull();
        return e.reason();
    }
}
