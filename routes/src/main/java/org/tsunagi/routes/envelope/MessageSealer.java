package org.tsunagi.routes.envelope;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.time.Clock;
import java.util.Date;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Seals a message: CMS SignedData (SHA-256; RSA-PSS for RSA keys, ECDSA for EC keys; the signer's certificate and
 * chain included; signed attributes content type, message digest, signing time and CMS algorithm protection),
 * encapsulated in CMS AuthEnvelopedData with AES-256-GCM for one recipient: RSA-OAEP (SHA-256) key transport for an
 * RSA certificate, ECDH P-256 key agreement (X9.63 KDF with SHA-256, AES-256 key wrap; a fresh ephemeral key per
 * message) for an EC certificate.
 * Streams: memory use does not grow with the message size. Thread-safe and reusable.
 */
public final class MessageSealer {

    private static final int BUFFER = 1 << 16;
    private static final ECParameterSpec P256 = p256();

    private final EnvelopeLimits limits;
    private final Clock clock;
    private final JcaProviders providers;
    private final ProviderKeys ecdsaKeys;
    private final SecureRandom random = new SecureRandom();

    public MessageSealer() {
        this(EnvelopeLimits.defaults());
    }

    public MessageSealer(EnvelopeLimits limits) {
        this(limits, Clock.systemUTC());
    }

    /** With an explicit clock for the signing time. */
    public MessageSealer(EnvelopeLimits limits, Clock clock) {
        this(limits, clock, new JcaProviders(CryptoProvider.BC, null));
    }

    /** With an explicit clock and the JCA provider of ECDSA signatures ({@code providers.ecdsa()}). */
    public MessageSealer(EnvelopeLimits limits, Clock clock, JcaProviders providers) {
        this.limits = limits;
        this.clock = clock;
        this.providers = providers;
        this.ecdsaKeys = new ProviderKeys(providers.ecdsa());
    }

    /**
     * Signs {@code content} with {@code signer} and encrypts it to {@code recipient}, writing the sealed file
     * (binary BER) to {@code out}. {@code out} is flushed, not closed. On an exception, what was written to
     * {@code out} is incomplete and must be discarded.
     *
     * @throws EnvelopeException TOO_LARGE (content above the limit), WEAK_ALGORITHM (a key that is too weak or of
     *                           an unsupported type, for the signer or the recipient)
     * @throws IOException       reading {@code content} or writing {@code out} failed
     */
    public void seal(InputStream content, Credentials signer, X509Certificate recipient, OutputStream out)
            throws EnvelopeException, IOException {
        AlgorithmPolicy.checkKey(signer.certificate().getPublicKey(), "the signer's certificate");
        RecipientInfoGenerator recipientInfo = recipientInfo(recipient);
        try {
            CMSAuthEnvelopedDataStreamGenerator envelope = new CMSAuthEnvelopedDataStreamGenerator();
            envelope.addRecipientInfoGenerator(recipientInfo);
            // The JDK's AES-GCM (hardware-accelerated) streams when encrypting; digests likewise come from the JDK.
            OutputAEADEncryptor encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                    .setSecureRandom(random).build(contentKey());

            CMSSignedDataStreamGenerator signedData = new CMSSignedDataStreamGenerator();
            signedData.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(signingTimeAttribute())
                    .build(contentSigner(signer), signer.certificate()));
            signedData.addCertificates(new JcaCertStore(signer.certificatePath()));

            BufferedOutputStream buffered = new BufferedOutputStream(new KeepOpen(out), BUFFER);
            OutputStream enveloped = envelope.open(buffered, encryptor);
            OutputStream signing = signedData.open(enveloped, true);
            // Closed only on success: after a failure no signature or tag is written, so the partial output can
            // never be opened as a (truncated) message.
            copyLimited(content, signing);
            signing.close();
            enveloped.close();
            buffered.flush();
        } catch (CMSException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal: " + e.getMessage(), e);
        } catch (RefusalIOException e) {
            throw e.refusal();
        }
    }

    /** {@link #seal(InputStream, Credentials, X509Certificate, OutputStream)} for content already in memory. */
    public byte[] seal(byte[] content, Credentials signer, X509Certificate recipient) throws EnvelopeException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 4096);
        try {
            seal(new ByteArrayInputStream(content), signer, recipient, out);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory sealing failed", e);
        }
        return out.toByteArray();
    }

    private void copyLimited(InputStream content, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
            total += n;
            if (total > limits.maxContentBytes()) {
                throw RefusalIOException.tooLarge("the message content", limits.maxContentBytes());
            }
            out.write(buffer, 0, n);
        }
    }

    private SecretKey contentKey() throws GeneralSecurityException {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256, random);
        return generator.generateKey();
    }

    private DefaultSignedAttributeTableGenerator signingTimeAttribute() {
        Attribute signingTime = new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(clock.instant()))));
        return new DefaultSignedAttributeTableGenerator(new AttributeTable(signingTime));
    }

    private ContentSigner contentSigner(Credentials signer) throws OperatorCreationException, EnvelopeException {
        String algorithm = switch (signer.privateKey().getAlgorithm()) {
            // RSA-PSS: the modern RSA signature; OpenSSL's cms -verify accepts it as well as PKCS#1 v1.5.
            case "RSA" -> "SHA256withRSAandMGF1";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            default -> throw new EnvelopeException(EnvelopeException.Reason.WEAK_ALGORITHM,
                    "CMS signing needs an RSA or EC key, not " + signer.privateKey().getAlgorithm());
        };
        JcaContentSignerBuilder builder = new JcaContentSignerBuilder(algorithm);
        boolean ecdsa = algorithm.endsWith("ECDSA");
        Provider provider = ecdsa ? providers.ecdsa() : CryptoProvider.BC;
        if (provider != null) {
            builder.setProvider(provider);
        }
        return builder.build(ecdsa ? ecdsaKeys.of(signer.privateKey()) : signer.privateKey());
    }

    private RecipientInfoGenerator recipientInfo(X509Certificate recipient) throws EnvelopeException {
        String subject = recipient.getSubjectX500Principal().getName();
        AlgorithmPolicy.checkKey(recipient.getPublicKey(), "the recipient " + subject);
        try {
            if (recipient.getPublicKey() instanceof RSAPublicKey) {
                var oaep = new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP,
                        new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
                return new JceKeyTransRecipientInfoGenerator(recipient, oaep).setProvider(CryptoProvider.BC);
            }
            if (recipient.getPublicKey() instanceof ECPublicKey ec) {
                if (ec.getParams().getOrder().bitLength() != 256) {
                    throw new EnvelopeException(EnvelopeException.Reason.WEAK_ALGORITHM,
                            "the recipient " + subject + " must have a P-256 key for ECDH");
                }
                KeyPair ephemeral = ephemeralKeyPair(ec);
                return new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF, ephemeral.getPrivate(),
                        ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP)
                        .addRecipient(recipient).setProvider(CryptoProvider.BC);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot prepare the recipient " + subject + ": " + e.getMessage(), e);
        }
        throw new EnvelopeException(EnvelopeException.Reason.WEAK_ALGORITHM,
                "the recipient " + subject + " has an unsupported key type");
    }

    /**
     * A fresh P-256 key pair for one ECDH agreement, made by the provider of P-256 arithmetic (ACCP or Bouncy Castle:
     * {@code providers.ecdsa()}; the JDK's SunEC is 10-20x slower here). The agreement, KDF and key wrap stay in
     * Bouncy Castle ({@code ECDHwithSHA256KDF}), which accepts any provider's {@link java.security.interfaces.ECPrivateKey}.
     */
    private KeyPair ephemeralKeyPair(ECPublicKey recipient) throws GeneralSecurityException, EnvelopeException {
        ECParameterSpec params = recipient.getParams();
        if (!params.getCurve().equals(P256.getCurve()) || !params.getGenerator().equals(P256.getGenerator())
                || !params.getOrder().equals(P256.getOrder())) {
            throw new EnvelopeException(EnvelopeException.Reason.WEAK_ALGORITHM,
                    "the recipient's EC key must be on P-256 for ECDH");
        }
        Provider provider = providers.ecdsa();
        KeyPairGenerator generator = provider == null ? KeyPairGenerator.getInstance("EC")
                : KeyPairGenerator.getInstance("EC", provider);
        // By name, so that every provider encodes the ephemeral public key with the curve's OID (openers, this
        // gateway's included, refuse explicit curve parameters).
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK does not know P-256", e);
        }
    }

    /** The caller owns {@code out}: Bouncy Castle's generators may close what they write to. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
