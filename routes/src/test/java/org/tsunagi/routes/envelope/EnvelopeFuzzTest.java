package org.tsunagi.routes.envelope;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;

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
        open(encrypt(signedData));
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

    /** AES-256-GCM AuthEnvelopedData around {@code plain} for the recipient's P-256 key, as the sealer makes it. */
    static byte[] encrypt(byte[] plain) throws Exception {
        ECPublicKey key = (ECPublicKey) RECIPIENT.certificate().getPublicKey();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(key.getParams());
        KeyPair ephemeral = generator.generateKeyPair();
        CMSAuthEnvelopedDataStreamGenerator envelope = new CMSAuthEnvelopedDataStreamGenerator();
        envelope.addRecipientInfoGenerator(new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF,
                ephemeral.getPrivate(), ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP)
                .addRecipient(RECIPIENT.certificate()).setProvider(CryptoProvider.BC));
        javax.crypto.KeyGenerator aes = javax.crypto.KeyGenerator.getInstance("AES");
        aes.init(256);
        OutputAEADEncryptor encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                .build(aes.generateKey());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream encrypting = envelope.open(out, encryptor)) {
            encrypting.write(plain);
        }
        return out.toByteArray();
    }
}
