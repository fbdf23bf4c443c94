package org.tsunagi.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tsunagi.schemas.MessageType;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Every file of the hostile corpus (src/test/resources/hostile) through each entry point of the codec: refused with
 * its reason code (or, for the few harmless-looking ones, accepted), and in every case without any file or network
 * access and without the canary's secret in the result or the error.
 */
class HostileInputTest {

    private static final MessageCodec CODEC = new MessageCodec();
    private static ExternalAccessTrap trap;

    @BeforeAll
    static void setTrap() throws Exception {
        trap = new ExternalAccessTrap();
    }

    @AfterAll
    static void removeTrap() throws Exception {
        trap.close();
    }

    @AfterEach
    void nothingWasAccessed() {
        assertThat(trap.httpRequests()).as("HTTP requests to the canary server").isZero();
        assertThat(trap.canaryOpened()).as("canary file opened").isFalse();
    }

    static Stream<Arguments> corpus() {
        List<Object[]> cases = List.of(
                new Object[] {"xxe-local-file.xml", ReasonCode.DOCTYPE_FORBIDDEN},
                new Object[] {"xxe-url.xml", ReasonCode.DOCTYPE_FORBIDDEN},
                new Object[] {"xxe-parameter-entity.xml", ReasonCode.DOCTYPE_FORBIDDEN},
                new Object[] {"xxe-oob-exfiltration.xml", ReasonCode.DOCTYPE_FORBIDDEN},
                new Object[] {"billion-laughs.xml", ReasonCode.DOCTYPE_FORBIDDEN},
                new Object[] {"external-dtd.xml", ReasonCode.DOCTYPE_FORBIDDEN},
                new Object[] {"external-dtd-public.xml", ReasonCode.DOCTYPE_FORBIDDEN},
                new Object[] {"doctype-after-comment-and-pi.xml", ReasonCode.DOCTYPE_FORBIDDEN},
                new Object[] {"utf8-bom-doctype.xml", ReasonCode.DOCTYPE_FORBIDDEN},
                new Object[] {"xinclude-file.xml", ReasonCode.XINCLUDE_FORBIDDEN},
                new Object[] {"xinclude-url.xml", ReasonCode.XINCLUDE_FORBIDDEN},
                new Object[] {"deep-nesting.xml", ReasonCode.TOO_DEEP},
                new Object[] {"wrong-namespace.xml", ReasonCode.WRONG_NAMESPACE},
                new Object[] {"no-namespace.xml", ReasonCode.WRONG_NAMESPACE},
                new Object[] {"unknown-message-type.xml", ReasonCode.UNKNOWN_MESSAGE_TYPE},
                new Object[] {"schema-missing-header.xml", ReasonCode.SCHEMA_INVALID},
                new Object[] {"schema-bad-date.xml", ReasonCode.SCHEMA_INVALID},
                new Object[] {"schema-unknown-element.xml", ReasonCode.SCHEMA_INVALID},
                new Object[] {"schema-foreign-element.xml", ReasonCode.SCHEMA_INVALID},
                new Object[] {"schema-wrong-order.xml", ReasonCode.SCHEMA_INVALID},
                new Object[] {"schema-xsi-type-substitution.xml", ReasonCode.SCHEMA_INVALID},
                new Object[] {"schema-bad-municipality-pattern.xml", ReasonCode.SCHEMA_INVALID},
                new Object[] {"bad-check-digit.xml", ReasonCode.INVALID_LOCAL_GOVERNMENT_CODE},
                new Object[] {"bad-check-digit-statistics.xml", ReasonCode.INVALID_LOCAL_GOVERNMENT_CODE},
                new Object[] {"bad-check-digit-requesting-body.xml", ReasonCode.INVALID_LOCAL_GOVERNMENT_CODE},
                new Object[] {"message-type-mismatch.xml", ReasonCode.MESSAGE_TYPE_MISMATCH},
                new Object[] {"malformed-unclosed.xml", ReasonCode.MALFORMED_XML},
                new Object[] {"undeclared-entity.xml", ReasonCode.MALFORMED_XML},
                new Object[] {"empty.xml", ReasonCode.MALFORMED_XML},
                new Object[] {"double-utf8-bom.xml", ReasonCode.MALFORMED_XML},
                new Object[] {"two-root-elements.xml", ReasonCode.MALFORMED_XML},
                new Object[] {"whitespace-before-declaration.xml", ReasonCode.MALFORMED_XML},
                new Object[] {"xml11-control-character.xml", ReasonCode.MALFORMED_XML},
                new Object[] {"shift-jis.xml", ReasonCode.UNSUPPORTED_ENCODING},
                new Object[] {"declared-latin1.xml", ReasonCode.UNSUPPORTED_ENCODING},
                new Object[] {"utf-16-bom.xml", ReasonCode.UNSUPPORTED_ENCODING},
                new Object[] {"utf-16le-no-bom.xml", ReasonCode.UNSUPPORTED_ENCODING},
                new Object[] {"invalid-utf8-bytes.xml", ReasonCode.UNSUPPORTED_ENCODING},
                new Object[] {"overlong-utf8.xml", ReasonCode.UNSUPPORTED_ENCODING},
                // Accepted: nothing in them may be followed.
                new Object[] {"xsi-schema-location.xml", null},
                new Object[] {"xml-stylesheet-pi.xml", null},
                new Object[] {"utf8-bom-valid.xml", null});
        return Stream.of(EntryPoint.values())
                .flatMap(entry -> cases.stream().map(c -> Arguments.of(entry, c[0], c[1])));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("corpus")
    void hostileDocument(EntryPoint entry, String file, ReasonCode expected) throws IOException {
        byte[] document = trap.instantiate(resource("/hostile/" + file));
        if (expected == null) {
            String result = entry.apply(CODEC, document);
            assertThat(result).doesNotContain(trap.secret()).contains("佐藤　健一");
            return;
        }
        MessageRejectedException e = catchThrowableOfType(() -> entry.apply(CODEC, document),
                MessageRejectedException.class);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.reason()).isEqualTo(expected);
        assertThat(e.getMessage()).doesNotContain(trap.secret());
    }

    @Test
    void oversizeDocumentIsRefusedAfterReadingOneByteMoreThanTheLimit() {
        CountingEndlessStream endless = new CountingEndlessStream(resourceUnchecked("/samples/ReleaseNotice.xml"));
        assertThatThrownBy(() -> CODEC.read(endless))
                .isInstanceOfSatisfying(MessageRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReasonCode.TOO_LARGE));
        assertThat(endless.served).isEqualTo(CodecLimits.DEFAULT_MAX_BYTES + 1L);
    }

    @Test
    void oversizeByteArrayIsRefused() {
        byte[] big = new byte[CodecLimits.DEFAULT_MAX_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        assertThatThrownBy(() -> CODEC.validate(big))
                .isInstanceOfSatisfying(MessageRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReasonCode.TOO_LARGE));
    }

    @Test
    void tooManyElementsAreRefusedBeforeSchemaValidation() {
        StringBuilder doc = new StringBuilder("<ReleaseNotice xmlns=\"urn:tsunagi:message:1\">");
        doc.append("<x/>".repeat(CodecLimits.DEFAULT_MAX_ELEMENTS + 1)).append("</ReleaseNotice>");
        assertThatThrownBy(() -> CODEC.read(doc.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(MessageRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReasonCode.TOO_MANY_ELEMENTS));
    }

    @Test
    void theParserItselfRefusesDoctypesWithoutTheByteScreen() throws Exception {
        // Defence in depth: even if the byte screen missed a DOCTYPE, the parser is configured to refuse it.
        byte[] document = trap.instantiate(resource("/hostile/xxe-local-file.xml"));
        XMLReader reader = HardenedXml.newXmlReader();
        reader.setContentHandler(new DefaultHandler());
        assertThatThrownBy(() -> reader.parse(new InputSource(new ByteArrayInputStream(document))))
                .isInstanceOf(SAXException.class)
                .hasMessageContaining("DOCTYPE");
        byte[] external = trap.instantiate(resource("/hostile/external-dtd.xml"));
        assertThatThrownBy(() -> reader.parse(new InputSource(new ByteArrayInputStream(external))))
                .isInstanceOf(SAXException.class);
    }

    @Test
    void theTrapDetectsAccessWhenItHappens() throws Exception {
        // Proves the trap can fail: a deliberately unhardened parser following the entity is caught.
        try (ExternalAccessTrap probe = new ExternalAccessTrap()) {
            byte[] document = probe.instantiate(resource("/hostile/xxe-url.xml"));
            javax.xml.parsers.SAXParserFactory.newDefaultNSInstance().newSAXParser()
                    .parse(new ByteArrayInputStream(document), new DefaultHandler());
            assertThat(probe.httpRequests()).isEqualTo(1);
            if (probe.canaryIsPipe()) {
                byte[] local = probe.instantiate(resource("/hostile/xxe-local-file.xml"));
                javax.xml.parsers.SAXParserFactory.newDefaultNSInstance().newSAXParser()
                        .parse(new ByteArrayInputStream(local), new DefaultHandler());
                assertThat(probe.canaryOpened()).isTrue();
            }
        }
    }

    /** The codec's three ways in; each returns the result as text for the leak check. */
    enum EntryPoint {
        READ_MODEL((codec, bytes) -> {
            return new String(codec.write(codec.read(new ByteArrayInputStream(bytes))), StandardCharsets.UTF_8);
        }),
        READ_DOCUMENT((codec, bytes) -> serialise(codec.readDocument(new ByteArrayInputStream(bytes)))),
        // The pipeline's single parse: the model bound from the validated DOM, and the DOM itself.
        READ_PARSED((codec, bytes) -> {
            MessageCodec.Parsed parsed = codec.readParsed(bytes);
            return new String(codec.write(parsed.message()), StandardCharsets.UTF_8) + serialise(parsed.document());
        }),
        VALIDATE((codec, bytes) -> {
            assertThat(codec.validate(bytes)).isEqualTo(MessageType.RELEASE_NOTICE);
            return new String(bytes, StandardCharsets.UTF_8);
        });

        private final BiFunction<MessageCodec, byte[], String> action;

        EntryPoint(BiFunction<MessageCodec, byte[], String> action) {
            this.action = action;
        }

        String apply(MessageCodec codec, byte[] bytes) {
            return action.apply(codec, bytes);
        }
    }

    private static String serialise(Document document) {
        try {
            StringWriter out = new StringWriter();
            TransformerFactory.newDefaultInstance().newTransformer()
                    .transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(HostileInputTest.class.getResourceAsStream(name), name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] resourceUnchecked(String name) {
        try {
            return resource(name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid document followed by an endless comment; counts the bytes handed out. */
    private static final class CountingEndlessStream extends InputStream {
        private final byte[] head;
        long served;

        CountingEndlessStream(byte[] document) {
            String text = new String(document, StandardCharsets.UTF_8);
            this.head = (text + "<!--").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read() {
            byte b = served < head.length ? head[(int) served] : (byte) 'x';
            served++;
            return b & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int fromHead = (int) Math.max(0, Math.min(length, head.length - served));
            if (fromHead > 0) {
                System.arraycopy(head, (int) served, buffer, offset, fromHead);
            }
            Arrays.fill(buffer, offset + fromHead, offset + length, (byte) 'x');
            served += length;
            return length;
        }
    }
}
