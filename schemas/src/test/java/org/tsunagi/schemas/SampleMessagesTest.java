package org.tsunagi.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tsunagi.schemas.catalog.FieldCatalog;
import org.tsunagi.schemas.catalog.FieldDefinition;
import org.tsunagi.schemas.codec.MessageCodec;
import org.tsunagi.schemas.model.MessageBase;
import org.tsunagi.schemas.model.ReleaseNotice;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class SampleMessagesTest {

    private static final MessageCodec CODEC = new MessageCodec();

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everySampleIsValidAndOfItsType(MessageType type) throws IOException {
        MessageBase message = CODEC.read(new ByteArrayInputStream(sample(type)));
        assertThat(MessageType.of(message)).isEqualTo(type);
        assertThat(message).isInstanceOf(type.modelClass());
        assertThat(message.getHeader().getMessageType()).isEqualTo(type.headerCode());
        assertThat(message.getHeader().getTo()).isNotBlank();
        assertThat(message.getDisclosure()).as("senders never fill in Disclosure").isNull();
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void writingAReadMessageGivesTheSameMessageBack(MessageType type) throws IOException {
        MessageBase first = CODEC.read(sample(type));
        byte[] written = CODEC.write(first);
        String text = new String(written, StandardCharsets.UTF_8);
        assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"")
                .contains("<" + type.rootElement() + " xmlns=\"urn:tsunagi:message:1\"");
        MessageBase second = CODEC.read(written);
        assertThat(CODEC.write(second)).isEqualTo(written);
        // Same elements and text as the sample, in the same order.
        assertThat(leafValues(CODEC.readDocument(written))).isEqualTo(leafValues(CODEC.readDocument(sample(type))));
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void readingOnceGivesTheSameModelAndDocumentAsReadingEachSeparately(MessageType type) throws IOException {
        MessageCodec.Parsed parsed = CODEC.readParsed(sample(type));

        assertThat(parsed.type()).isEqualTo(type);
        assertThat(parsed.message()).isInstanceOf(type.modelClass());
        assertThat(CODEC.write(parsed.message())).isEqualTo(CODEC.write(CODEC.read(sample(type))));
        assertThat(parsed.document().isEqualNode(CODEC.readDocument(sample(type)))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void domReadAndWriteKeepTheDocument(MessageType type) throws IOException {
        Document document = CODEC.readDocument(sample(type));
        assertThat(document.getDoctype()).isNull();
        assertThat(document.getDocumentElement().getNamespaceURI()).isEqualTo(MessageSchema.NAMESPACE);
        byte[] written = CODEC.write(document);
        assertThat(leafValues(CODEC.readDocument(written))).isEqualTo(leafValues(document));
    }

    @Test
    void theReleaseNoticeSampleFillsInEveryBodyField() throws IOException {
        Set<String> present = paths(CODEC.readDocument(sample(MessageType.RELEASE_NOTICE)).getDocumentElement(), "");
        Set<String> generalisedAlternatives = Set.of("ReleaseNotice/Person/BirthYear", "ReleaseNotice/Person/AgeBand",
                "ReleaseNotice/PlannedReleaseMonth");
        Set<String> missing = FieldCatalog.fields(MessageType.RELEASE_NOTICE).stream()
                .filter(FieldDefinition::inBody)
                .map(FieldDefinition::path)
                .filter(p -> !present.contains(p) && !generalisedAlternatives.contains(p))
                .collect(Collectors.toSet());
        assertThat(missing).isEmpty();
    }

    @Test
    void theReleaseNoticeSampleIsTheOneTheWalkThroughDescribes() throws IOException {
        ReleaseNotice notice = CODEC.read(new ByteArrayInputStream(sample(MessageType.RELEASE_NOTICE)), ReleaseNotice.class);
        assertThat(notice.getHeader().getFrom()).isEqualTo("facility-nagoya");
        assertThat(notice.getHeader().getTo()).isEqualTo("tsunagi-gateway");
        assertThat(notice.getPlannedPlaceOfReturn().getMunicipalityCode()).isEqualTo("231002");
        assertThat(notice.getVictimRelatedRemarks()).isNotBlank();
    }

    @Test
    void theWithheldCopyReceiptSampleIsValidAndKeepsItsWithheldCopy() throws IOException {
        byte[] xml;
        try (InputStream in = Objects.requireNonNull(
                MessageType.class.getResourceAsStream("/samples/Receipt-withheld.xml"))) {
            xml = in.readAllBytes();
        }
        org.tsunagi.schemas.model.Receipt receipt = (org.tsunagi.schemas.model.Receipt) CODEC.read(xml);
        assertThat(receipt.getOutcome()).isEqualTo(org.tsunagi.schemas.model.ReceiptOutcome.ACCEPTED);
        assertThat(receipt.getWithheldCopy()).singleElement().satisfies(w -> {
            assertThat(w.getRecipient()).isEqualTo("252018");
            assertThat(w.getReasonCode()).isEqualTo("STATISTICS_DISCLOSURE_RISK");
            assertThat(w.getTable()).singleElement().satisfies(t -> assertThat(t.getTableId())
                    .isEqualTo("MUNI-SEX-2023"));
        });
        assertThat(leafValues(CODEC.readDocument(CODEC.write(receipt)))).isEqualTo(leafValues(CODEC.readDocument(xml)));
        // A WithheldCopy before the 1.1 elements is out of schema order: the element is only ever appended.
        String misplaced = new String(xml, StandardCharsets.UTF_8).replace("<Outcome>ACCEPTED</Outcome>",
                "<Outcome>ACCEPTED</Outcome><WithheldCopy><Recipient>252018</Recipient>"
                        + "<ReasonCode>STATISTICS_DISCLOSURE_RISK</ReasonCode></WithheldCopy>");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CODEC.read(misplaced.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(org.tsunagi.schemas.codec.MessageRejectedException.class);
    }

    static byte[] sample(MessageType type) throws IOException {
        try (InputStream in = Objects.requireNonNull(MessageType.class.getResourceAsStream(type.sampleResource()))) {
            return in.readAllBytes();
        }
    }

    private static Set<String> paths(Element element, String parent) {
        String path = parent.isEmpty() ? element.getLocalName() : parent + "/" + element.getLocalName();
        Set<String> out = new HashSet<>();
        out.add(path);
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                out.addAll(paths(child, path));
            }
        }
        return out;
    }

    /** Path=value of every leaf element, in document order. */
    static java.util.List<String> leafValues(Document document) {
        java.util.List<String> out = new java.util.ArrayList<>();
        collect(document.getDocumentElement(), "", out);
        return out;
    }

    private static void collect(Element element, String parent, java.util.List<String> out) {
        String path = parent.isEmpty() ? element.getLocalName() : parent + "/" + element.getLocalName();
        boolean leaf = true;
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                leaf = false;
                collect(child, path, out);
            }
        }
        if (leaf) {
            out.add(path + "=" + element.getTextContent());
        }
    }
}
