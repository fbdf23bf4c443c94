package org.tsunagi.routes.envelope;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz tests of the envelope readers: the sealed CMS file as it arrives (before decryption), the SignedData
 * inside a validly encrypted envelope (after decryption), and the JOSE compact form. Whatever the bytes, opening ends
 * in an {@link OpenedMessage} or an {@link EnvelopeException} with a reason code, never another exception or error
 * (a {@code StackOverflowError} or {@code OutOfMemoryError} fails the test), and a refusal releases no content.
 * Seeds and findings: {@code src/test/resources/org/tsunagi/routes/envelope/EnvelopeFuzzTestInputs}.
 */
class EnvelopeFuzzTest {

    private static final Credentials RECIPIENT = DemoPki.credentials("231002");
    private static final MessageOpener OPENER = new MessageOpener(RECIPIENT, DemoPki.validator());
    private static final JoseEnvelope JOSE = new JoseEnvelope();

    @FuzzTest(maxDuration = "10m")
    void openSealed(byte[] sealed) throws IOException {
        open(sealed);
    }

    @FuzzTest(maxDuration = "10m")
    void openDecrypted(byte[] signedData) throws Exception {
        open(RawEnvelopes.authEnveloped(RECIPIENT.certificate(), signedData));
    }

    @FuzzTest(maxDuration = "10m")
    void openJose(byte[] compact) {
        try {
            JOSE.open(new String(compact, StandardCharsets.UTF_8), RECIPIENT, DemoPki.validator());
        } catch (EnvelopeException refused) {
            // expected for almost every input
        }
    }

    private static void open(byte[] sealed) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        try {
            OPENER.open(new ByteArrayInputStream(sealed), content);
        } catch (EnvelopeException refused) {
            if (content.size() != 0) {
                throw new AssertionError("refused (" + refused.reason() + ") but released " + content.size()
                        + " bytes");
            }
        }
    }
}
