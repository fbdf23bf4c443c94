package org.tsunagi.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tsunagi.schemas.MessageType;
import org.tsunagi.schemas.model.Header;
import org.tsunagi.schemas.model.MessageBase;
import org.tsunagi.schemas.model.PlaceOfReturn;
import org.tsunagi.schemas.model.Receipt;
import org.tsunagi.schemas.model.ReleaseNotice;

class CodecBehaviourTest {

    private static final MessageCodec CODEC = new MessageCodec();

    @Test
    void schemaErrorsCarryLineColumnAndPathButNoValue() throws IOException {
        MessageRejectedException e = rejection(HostileInputTest.resource("/hostile/schema-bad-date.xml"));
        assertThat(e.reason()).isEqualTo(ReasonCode.SCHEMA_INVALID);
        ErrorLocation at = e.location().orElseThrow();
        assertThat(at.path()).isEqualTo("ReleaseNotice/Person/DateOfBirth");
        assertThat(at.line()).isEqualTo(11);
        assertThat(at.column()).isPositive();
        assertThat(e.getMessage()).contains("cvc-").doesNotContain("1984-13-45");
    }

    @Test
    void structuralSchemaErrorsNameTheUnexpectedElement() throws IOException {
        MessageRejectedException e = rejection(HostileInputTest.resource("/hostile/schema-missing-header.xml"));
        assertThat(e.reason()).isEqualTo(ReasonCode.SCHEMA_INVALID);
        assertThat(e.location().orElseThrow().path()).isEqualTo("ReleaseNotice/Person");
        assertThat(e.getMessage()).contains("Person").contains("Header");
    }

    @Test
    void badCheckDigitIsLocatedWithoutQuotingTheCode() throws IOException {
        MessageRejectedException e = rejection(HostileInputTest.resource("/hostile/bad-check-digit.xml"));
        assertThat(e.reason()).isEqualTo(ReasonCode.INVALID_LOCAL_GOVERNMENT_CODE);
        assertThat(e.location().orElseThrow().path()).isEqualTo("ReleaseNotice/PlannedPlaceOfReturn/MunicipalityCode");
        assertThat(e.getMessage()).doesNotContain("231003");
    }

    @Test
    void readingAnExpectedTypeRefusesOthers() throws IOException {
        byte[] notice = sample(MessageType.RELEASE_NOTICE);
        assertThat(CODEC.read(new ByteArrayInputStream(notice), ReleaseNotice.class)).isNotNull();
        assertThatThrownBy(() -> CODEC.read(new ByteArrayInputStream(notice), Receipt.class))
                .isInstanceOfSatisfying(MessageRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNEXPECTED_MESSAGE_TYPE));
    }

    @Test
    void limitsAreConfigurable() throws IOException {
        byte[] notice = sample(MessageType.RELEASE_NOTICE);
        assertThat(reason(new MessageCodec(CodecLimits.defaults().withMaxBytes(notice.length - 1)), notice))
                .isEqualTo(ReasonCode.TOO_LARGE);
        assertThat(new MessageCodec(CodecLimits.defaults().withMaxBytes(notice.length)).validate(notice))
                .isEqualTo(MessageType.RELEASE_NOTICE);
        assertThat(reason(new MessageCodec(CodecLimits.defaults().withMaxElements(50)), notice))
                .isEqualTo(ReasonCode.TOO_MANY_ELEMENTS);
        byte[] statistics = sample(MessageType.STATISTICS_REPORT);
        assertThat(new MessageCodec(CodecLimits.defaults().withMaxDepth(8)).validate(statistics))
                .isEqualTo(MessageType.STATISTICS_REPORT);
        assertThatThrownBy(() -> CodecLimits.defaults().withMaxDepth(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CodecLimits.defaults().withMaxBytes(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writingAnInvalidModelIsRefused() throws IOException {
        ReleaseNotice headless = new ReleaseNotice();
        assertThat(writeReason(headless)).isEqualTo(ReasonCode.SCHEMA_INVALID);

        ReleaseNotice notice = CODEC.read(new ByteArrayInputStream(sample(MessageType.RELEASE_NOTICE)),
                ReleaseNotice.class);
        PlaceOfReturn place = notice.getPlannedPlaceOfReturn();
        place.setMunicipalityCode("231003");
        assertThat(writeReason(notice)).isEqualTo(ReasonCode.INVALID_LOCAL_GOVERNMENT_CODE);

        place.setMunicipalityCode("231002");
        Header header = notice.getHeader();
        header.setMessageType(org.tsunagi.schemas.model.MessageTypeCode.RECEIPT);
        assertThat(writeReason(notice)).isEqualTo(ReasonCode.MESSAGE_TYPE_MISMATCH);
    }

    @Test
    void oneCodecServesManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<MessageType>> results = new ArrayList<>();
            for (int i = 0; i < 70; i++) {
                MessageType type = MessageType.values()[i % MessageType.values().length];
                byte[] document = sample(type);
                results.add(pool.submit(() -> {
                    MessageBase read = CODEC.read(document);
                    CODEC.readDocument(document);
                    CODEC.write(read);
                    return MessageType.of(read);
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(MessageType.values()[i % MessageType.values().length]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static MessageRejectedException rejection(byte[] document) {
        MessageRejectedException e = catchThrowableOfType(() -> CODEC.read(document), MessageRejectedException.class);
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    private static ReasonCode reason(MessageCodec codec, byte[] document) {
        MessageRejectedException e = catchThrowableOfType(() -> codec.read(document), MessageRejectedException.class);
        assertThat(e).as("refused").isNotNull();
        return e.reason();
    }

    private static ReasonCode writeReason(MessageBase message) {
        MessageRejectedException e = catchThrowableOfType(() -> CODEC.write(message), MessageRejectedException.class);
        assertThat(e).as("refused").isNotNull();
        return e.reason();
    }

    static byte[] sample(MessageType type) throws IOException {
        return HostileInputTest.resource(type.sampleResource());
    }
}
