package org.tsunagi.schemas.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz test of the codec: whatever the bytes, reading ends in a model or a {@link MessageRejectedException}
 * with a reason code, never another exception or error. The seeds (and every finding) are in
 * {@code src/test/resources/org/tsunagi/schemas/codec/MessageCodecFuzzTestInputs}; {@code ./mvnw verify} replays
 * them, {@code bench/fuzz.sh} fuzzes for as long as asked.
 */
class MessageCodecFuzzTest {

    private static final MessageCodec CODEC = new MessageCodec();

    @FuzzTest(maxDuration = "10m")
    void read(byte[] document) {
        try {
            CODEC.read(document);
        } catch (MessageRejectedException refused) {
            // the expected outcome for almost every input
        }
    }

    @FuzzTest(maxDuration = "10m")
    void readDocument(byte[] document) {
        try {
            CODEC.readDocument(document);
        } catch (MessageRejectedException refused) {
            // the expected outcome for almost every input
        }
    }
}
