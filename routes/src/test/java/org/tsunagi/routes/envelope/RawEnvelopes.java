package org.tsunagi.routes.envelope;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import javax.crypto.KeyGenerator;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.operator.OutputAEADEncryptor;

/** Envelopes around arbitrary (possibly hostile) inner bytes, which the sealer would never make. */
final class RawEnvelopes {

    private RawEnvelopes() {
    }

    /** AES-256-GCM AuthEnvelopedData around {@code plain}, for {@code recipient}'s P-256 key, as the sealer makes it. */
    static byte[] authEnveloped(X509Certificate recipient, byte[] plain) throws Exception {
        ECPublicKey key = (ECPublicKey) recipient.getPublicKey();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(key.getParams());
        KeyPair ephemeral = generator.generateKeyPair();
        CMSAuthEnvelopedDataStreamGenerator envelope = new CMSAuthEnvelopedDataStreamGenerator();
        envelope.addRecipientInfoGenerator(new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF,
                ephemeral.getPrivate(), ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP)
                .addRecipient(recipient).setProvider(CryptoProvider.BC));
        KeyGenerator aes = KeyGenerator.getInstance("AES");
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
