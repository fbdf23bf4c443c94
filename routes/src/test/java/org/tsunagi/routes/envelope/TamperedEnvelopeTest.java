package org.tsunagi.routes.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A flipped byte anywhere in a sealed file (ASN.1 headers, recipient info, encrypted key, ephemeral key, nonce,
 * ciphertext, tag, trailing end-of-contents octets) is refused, and never half-opened: the output stays empty.
 */
class TamperedEnvelopeTest {

    private static final byte[] XML = ("<Message xmlns=\"urn:tsunagi:message:1\"><Body>tamper test "
            + "0123456789abcdef</Body></Message>").getBytes(StandardCharsets.UTF_8);

    @Test
    void flippedBytesAreRefusedForAnEcRecipient() throws Exception {
        Credentials recipient = DemoPki.credentials("231002");
        byte[] sealed = new MessageSealer().seal(XML, DemoPki.gatewaySigning(), recipient.certificate());
        Map<EnvelopeException.Reason, Integer> reasons = flipEach(sealed, recipient, 700, 7, 120);
        assertThat(reasons).containsKeys(EnvelopeException.Reason.DECRYPTION_FAILED,
                EnvelopeException.Reason.MALFORMED_CMS);
    }

    @Test
    void flippedBytesAcrossTheFileAreRefusedForAnRsaRecipient() throws Exception {
        Credentials recipient = DemoPki.gatewayEncryption();
        byte[] sealed = new MessageSealer().seal(XML, DemoPki.credentials("probation-nagoya"), recipient.certificate());
        // RSA-3072 decryption is slow: every 13th byte, plus every byte of the last 120 (ciphertext end, tag, EOCs)
        Map<EnvelopeException.Reason, Integer> reasons = flipEach(sealed, recipient, 0, 13, 120);
        assertThat(reasons).containsKeys(EnvelopeException.Reason.DECRYPTION_FAILED);
    }

    /**
     * Flips every byte of the first {@code head} (ASN.1 skeleton, recipient info, keys, algorithm parameters), every
     * {@code step}th byte after that (ciphertext) and every byte of the last {@code tail} (ciphertext end, tag,
     * end-of-contents): one bit, and on every 4th byte all bits.
     */
    private static Map<EnvelopeException.Reason, Integer> flipEach(byte[] sealed, Credentials recipient, int head,
                                                                   int step, int tail) throws Exception {
        MessageOpener opener = new MessageOpener(recipient, DemoPki.validator());
        // sanity: the untouched file opens
        opener.open(new ByteArrayInputStream(sealed), new ByteArrayOutputStream());
        Map<EnvelopeException.Reason, Integer> reasons = new EnumMap<>(EnvelopeException.Reason.class);
        for (int i = 0; i < sealed.length; i++) {
            if (i >= head && i % step != 0 && i < sealed.length - tail) {
                continue;
            }
            for (int mask : i % 4 == 0 ? new int[] {0x01, 0xFF} : new int[] {0x01}) {
                byte[] tampered = sealed.clone();
                tampered[i] ^= (byte) mask;
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try {
                    opener.open(new ByteArrayInputStream(tampered), out);
                    throw new AssertionError("byte " + i + " of " + sealed.length + " flipped with " + mask
                            + " was accepted");
                } catch (EnvelopeException refused) {
                    reasons.merge(refused.reason(), 1, Integer::sum);
                    assertThat(out.size()).as("nothing released after flipping byte %d", i).isZero();
                } catch (RuntimeException unexpected) {
                    throw new AssertionError("byte " + i + " flipped: untyped failure " + unexpected, unexpected);
                }
            }
        }
        return reasons;
    }
}
