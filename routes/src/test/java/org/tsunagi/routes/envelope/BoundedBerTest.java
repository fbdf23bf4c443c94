package org.tsunagi.routes.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile BER before and after decryption is refused as MALFORMED_CMS by the bounds, before Bouncy Castle's
 * recursive parsers see it: deep nesting (no StackOverflowError), length bombs (no OutOfMemoryError), too many
 * elements. Nothing is released, and the opener keeps working for the next message.
 */
class BoundedBerTest {

    private static final byte[] XML = "<Message xmlns=\"urn:tsunagi:message:1\"/>".getBytes(StandardCharsets.UTF_8);
    /** ContentInfo (indefinite) { authEnvelopedData, [0] (indefinite) { AuthEnvelopedData (indefinite) { v0, */
    private static final String AUTH_ENVELOPED_HEAD = "3080060b2a864886f70d0109100117a0803080020100";
    /** ContentInfo { signedData, [0] { SignedData { v1, */
    private static final String SIGNED_DATA_HEAD = "308006092a864886f70d010702a0803080020101";

    private final Credentials recipient = DemoPki.credentials("231002");
    private final MessageOpener opener = new MessageOpener(recipient, DemoPki.validator());

    @ParameterizedTest
    @ValueSource(ints = {4_000, 40_000})
    void nestedSequencesInTheRecipientInfosAreRefused(int depth) {
        // RecipientInfos SET (indefinite) { SEQUENCE { SEQUENCE { ... } } }: no key is needed to send this
        byte[] file = concat(Hex.decode(AUTH_ENVELOPED_HEAD + "3180"), nested(depth), Hex.decode("00000000000000"));
        assertRefused(file, "the envelope", "nested deeper than");
    }

    @Test
    void anOctetStringClaiming496MiBInANinetyByteFileIsRefused() {
        byte[] head = Hex.decode(AUTH_ENVELOPED_HEAD + "3180" + "04841f000000");
        byte[] file = new byte[90];
        System.arraycopy(head, 0, file, 0, head.length);
        assertRefused(file, "the envelope", "declares 520093696 bytes");
    }

    @Test
    void aLengthClaimingMoreThanTheStructureAllowsIsRefusedAtItsHeader() {
        // 16 MiB is below the sealed size limit, but no recipient info is that large
        byte[] file = concat(Hex.decode(AUTH_ENVELOPED_HEAD + "3180" + "0484" + "01000000"), new byte[64]);
        assertRefused(file, "the envelope", "more than the structure allows");
    }

    @Test
    void tooManyElementsInTheRecipientInfosAreRefused() {
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        for (int i = 0; i <= BerBounds.MAX_ELEMENTS; i++) {
            many.writeBytes(Hex.decode("0500"));
        }
        byte[] file = concat(Hex.decode(AUTH_ENVELOPED_HEAD + "3180"), many.toByteArray(), Hex.decode("0000"));
        assertRefused(file, "the envelope", "more than " + BerBounds.MAX_ELEMENTS + " elements");
    }

    @ParameterizedTest
    @ValueSource(ints = {4_000, 40_000})
    void nestedSequencesInsideTheEncryptedSignedDataAreRefused(int depth) throws Exception {
        // digestAlgorithms SET (indefinite) { SEQUENCE { SEQUENCE { ... } } }, validly encrypted to the recipient
        byte[] plain = concat(Hex.decode(SIGNED_DATA_HEAD + "3180"), nested(depth), Hex.decode("0000000000000000"));
        assertRefused(RawEnvelopes.authEnveloped(recipient.certificate(), plain), "the signed data",
                "nested deeper than");
    }

    @Test
    void aLengthBombInsideTheEncryptedSignedDataIsRefused() throws Exception {
        byte[] plain = concat(Hex.decode(SIGNED_DATA_HEAD + "3180" + "04841f000000"), new byte[64]);
        assertRefused(RawEnvelopes.authEnveloped(recipient.certificate(), plain), "the signed data", "declares");
    }

    @Test
    void nestedConstructedOctetStringsInTheSignedContentAreRefused() throws Exception {
        // the content is streamed, but its nesting is bounded like everything else
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(Hex.decode(SIGNED_DATA_HEAD + "3100" + "3080" + "06092a864886f70d010701" + "a080"));
        content.writeBytes(Hex.decode("2480".repeat(5_000)));
        assertRefused(RawEnvelopes.authEnveloped(recipient.certificate(), content.toByteArray()), "the signed data",
                "nested deeper than");
    }

    @Test
    void aValidMessageStillOpensAndTheDeadlineRefusesWhenPassed() throws Exception {
        byte[] sealed = new MessageSealer().seal(XML, DemoPki.gatewaySigning(), recipient.certificate());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        opener.open(new ByteArrayInputStream(sealed), out);
        assertThat(out.toByteArray()).isEqualTo(XML);

        Clock now = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        ByteArrayOutputStream late = new ByteArrayOutputStream();
        EnvelopeException refused = catchThrowableOfType(EnvelopeException.class, () -> opener.open(
                new ByteArrayInputStream(sealed), late, new ProcessingDeadline(now, now.instant().minusMillis(1))));
        assertThat(refused.reason()).isEqualTo(EnvelopeException.Reason.PROCESSING_TIMEOUT);
        assertThat(late.size()).isZero();
    }

    private void assertRefused(byte[] file, String part, String problem) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EnvelopeException refused = catchThrowableOfType(EnvelopeException.class,
                () -> opener.open(new ByteArrayInputStream(file), out));
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.reason()).isEqualTo(EnvelopeException.Reason.MALFORMED_CMS);
        assertThat(refused.getMessage()).contains(part).contains(problem);
        assertThat(out.size()).isZero();
    }

    private static byte[] nested(int depth) {
        byte[] bytes = new byte[depth * 4];
        for (int i = 0; i < depth; i++) {
            bytes[2 * i] = 0x30;
            bytes[2 * i + 1] = (byte) 0x80; // the end-of-contents pairs after them stay zero
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
