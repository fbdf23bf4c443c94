package org.tsunagi.routes.envelope;

import static org.tsunagi.routes.envelope.EnvelopeException.Reason.BAD_SIGNATURE;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.CERTIFICATE_EXPIRED;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.DECRYPTION_FAILED;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.MALFORMED_CMS;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.NOT_FOR_THIS_RECIPIENT;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.UNTRUSTED_SIGNER;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.WEAK_ALGORITHM;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.crypto.BadPaddingException;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientInfo;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.ASN1SequenceParser;
import org.bouncycastle.asn1.ASN1StreamParser;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfoParser;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSAuthEnvelopedDataParser;
import org.bouncycastle.cms.CMSEnvelopedDataParser;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.cms.CMSVerifierCertificateNotValidException;
import org.bouncycastle.cms.KeyAgreeRecipientId;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.cms.KeyTransRecipientId;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.io.InvalidCipherTextIOException;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Store;

/**
 * Opens sealed messages addressed to one recipient: CMS AuthEnvelopedData (AES-256-GCM) or EnvelopedData
 * (AES-256-CBC) with RSA-OAEP key transport or ECDH key agreement, whose content is CMS SignedData with exactly one
 * signer. Decrypts and parses as a stream, verifies the authentication tag, the signature and the signer's
 * certificate ({@link SignerValidator}), and only then writes the content to the caller's stream.
 * <p>
 * <b>On failure the caller gets nothing</b>: an {@link EnvelopeException} with its reason, and no byte of content
 * on the output stream (content is held in a {@code ContentSpool} until everything is verified: in memory when
 * small, otherwise in a temporary file encrypted with a one-time key, deleted before {@code open} returns).
 * <p>
 * <p>
 * The opener may hold several decryption keys of the same recipient (the current one and previous ones, during a
 * key rotation): each message is opened with the key its CMS recipient identifier names (issuer and serial number
 * or subject key identifier for key transport, the recipient key id for key agreement). A message addressed to none
 * of them is refused with {@code NOT_FOR_THIS_RECIPIENT}.
 * <p>
 * Thread-safe and reusable: create one per recipient and share it.
 */
public final class MessageOpener {

    private static final int BUFFER = 1 << 16;

    /** The current key first: refusals name it. */
    private final List<Credentials> recipients;
    private final SignerValidator validator;
    private final EnvelopeLimits limits;

    public MessageOpener(Credentials recipient, SignerValidator validator) {
        this(recipient, validator, EnvelopeLimits.defaults());
    }

    public MessageOpener(Credentials recipient, SignerValidator validator, EnvelopeLimits limits) {
        this(List.of(recipient), validator, limits);
    }

    /**
     * An opener holding several keys of the recipient: the current one first, then previous ones still accepted
     * (a key rotation's overlap).
     */
    public MessageOpener(List<Credentials> recipients, SignerValidator validator, EnvelopeLimits limits) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("at least one recipient key is required");
        }
        this.recipients = List.copyOf(recipients);
        this.validator = validator;
        this.limits = limits;
    }

    /**
     * Opens {@code sealed} and, once everything is verified, writes the content to {@code content} (not closed).
     *
     * @throws EnvelopeException the message is refused; nothing was written to {@code content}
     * @throws IOException       writing to {@code content} failed (after successful verification)
     */
    public OpenedMessage open(InputStream sealed, OutputStream content) throws EnvelopeException, IOException {
        return open(sealed, content, ProcessingDeadline.none());
    }

    /**
     * {@link #open(InputStream, OutputStream)} within a deadline: past it, {@code PROCESSING_TIMEOUT}.
     *
     * @throws EnvelopeException the message is refused; nothing was written to {@code content}
     * @throws IOException       writing to {@code content} failed (after successful verification)
     */
    public OpenedMessage open(InputStream sealed, OutputStream content, ProcessingDeadline deadline)
            throws EnvelopeException, IOException {
        try (ContentSpool spool = new ContentSpool(limits)) {
            Verified verified;
            try {
                verified = decryptAndVerify(sealed, spool, deadline);
            } catch (StackOverflowError e) {
                // Bytes the BER bounds cannot see into (an extension value inside an OCTET STRING) still nest.
                throw new EnvelopeException(MALFORMED_CMS, "malformed CMS: a structure nested too deeply to parse");
            }
            deadline.check();
            byte[] digest = spool.sha256Digest();
            spool.releaseTo(content, digest);
            content.flush();
            return new OpenedMessage(verified.signer(), verified.path(), verified.signingTime(),
                    HexFormat.of().formatHex(digest), spool.length());
        }
    }

    private record Verified(X509Certificate signer, List<X509Certificate> path, Instant signingTime) {
    }

    private record Inner(SignerInformation signer, Store<X509CertificateHolder> certificates) {
    }

    private Verified decryptAndVerify(InputStream sealed, ContentSpool spool, ProcessingDeadline deadline)
            throws EnvelopeException {
        EnvelopeStructure structure = new EnvelopeStructure();
        // Bounds first: no byte reaches Bouncy Castle's (recursive, allocating) parsers unchecked.
        BerBounds outer = new BerBounds("the envelope", BerBounds.ENVELOPE_CONTENT, limits.maxSealedBytes());
        BerBounds inner = new BerBounds("the signed data", BerBounds.SIGNED_CONTENT, limits.maxSealedBytes());
        BufferedInputStream in = new BufferedInputStream(new WatchedStream(new WatchedStream(
                deadline.guard(new LimitedInputStream(sealed, limits.maxSealedBytes(), "the sealed message")),
                outer::update), structure::update), BUFFER);
        try {
            ASN1ObjectIdentifier type = peekContentType(in);
            boolean authenticated;
            RecipientInformationStore recipients;
            AlgorithmIdentifier contentEncryption;
            CMSAuthEnvelopedDataParser authParser = null;
            CMSEnvelopedDataParser envParser = null;
            if (CMSObjectIdentifiers.authEnvelopedData.equals(type)) {
                authenticated = true;
                authParser = new CMSAuthEnvelopedDataParser(in);
                recipients = authParser.getRecipientInfos();
                contentEncryption = authParser.getEncryptionAlgOID();
            } else if (CMSObjectIdentifiers.envelopedData.equals(type)) {
                authenticated = false;
                envParser = new CMSEnvelopedDataParser(in);
                recipients = envParser.getRecipientInfos();
                contentEncryption = envParser.getContentEncryptionAlgorithm();
            } else {
                throw new EnvelopeException(MALFORMED_CMS, "not an enveloped CMS message (content type " + type + ")");
            }
            AlgorithmPolicy.checkContentEncryption(contentEncryption, authenticated);

            Addressed mine = findRecipient(recipients);
            DecryptedStream plain = new DecryptedStream(decryptedStream(mine, authenticated));
            Inner signedData = readSignedData(plain, inner, deadline, spool);
            // Draining the decrypted stream to its end checks the GCM tag (or CBC padding) before anything else.
            requireOnlyEndOfContents(plain, true);
            if (authParser != null ? authParser.getUnauthAttrs() != null : envParser.getUnprotectedAttributes() != null) {
                throw new EnvelopeException(MALFORMED_CMS, "unauthenticated attributes are not accepted");
            }
            requireOnlyEndOfContents(in, false);
            checkStructure(structure);
            deadline.check();
            return verifySigner(signedData);
        } catch (EnvelopeException e) {
            throw e;
        } catch (CMSException | IOException | RuntimeException e) {
            EnvelopeException refusal = RefusalIOException.find(e);
            if (refusal != null) {
                throw refusal;
            }
            // Some parser layers rethrow a failed read without its cause: the bounds still know why.
            if (outer.refusal() != null) {
                throw outer.refusal();
            }
            if (inner.refusal() != null) {
                throw inner.refusal();
            }
            if (isCipherFailure(e)) {
                throw new EnvelopeException(DECRYPTION_FAILED, "the content could not be decrypted or authenticated", e);
            }
            throw new EnvelopeException(MALFORMED_CMS, "malformed CMS: " + e.getMessage(), e);
        }
    }

    /**
     * Remembers whether the cipher under it failed (wrong tag, bad padding): parsers above it may rethrow such a
     * failure without its cause, and the reason code must still say DECRYPTION_FAILED.
     */
    private static final class DecryptedStream extends FilterInputStream {
        private boolean cipherFailed;

        DecryptedStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException | RuntimeException e) {
                cipherFailed |= isCipherFailure(e);
                throw e;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException | RuntimeException e) {
                cipherFailed |= isCipherFailure(e);
                throw e;
            }
        }

        boolean cipherFailed() {
            return cipherFailed;
        }
    }

    /** The unprotected parts of the file: strict framing, skeleton tags, version, and canonical recipient infos. */
    private static void checkStructure(EnvelopeStructure structure) throws EnvelopeException {
        String problem = structure.problem();
        if (problem != null) {
            throw new EnvelopeException(MALFORMED_CMS, "malformed CMS: " + problem);
        }
        try {
            ASN1Set set = ASN1Set.getInstance(ASN1Primitive.fromByteArray(structure.recipientInfos()));
            for (var element : set) {
                RecipientInfo info = RecipientInfo.getInstance(element);
                // Re-encoding the typed structure normalises what a lenient parse accepted (e.g. a wrong tag number).
                var typed = info.getInfo();
                ASN1Primitive canonical = typed instanceof KeyAgreeRecipientInfo kari
                        ? new org.bouncycastle.asn1.DERTaggedObject(false, 1, kari)
                        : typed.toASN1Primitive();
                if (!Arrays.equals(canonical.getEncoded(ASN1Encoding.DER),
                        element.toASN1Primitive().getEncoded(ASN1Encoding.DER))) {
                    throw new EnvelopeException(MALFORMED_CMS, "malformed CMS: non-canonical recipient info");
                }
                if (typed instanceof KeyAgreeRecipientInfo kari) {
                    var originatorKey = kari.getOriginator().getOriginatorKey();
                    if (originatorKey == null || originatorKey.getPublicKey().getPadBits() != 0
                            || !X9ObjectIdentifiers.id_ecPublicKey.equals(originatorKey.getAlgorithm().getAlgorithm())
                            || originatorKey.getAlgorithm().getParameters() != null
                            && !X9ObjectIdentifiers.prime256v1.equals(originatorKey.getAlgorithm().getParameters())) {
                        throw new EnvelopeException(MALFORMED_CMS, "malformed CMS: the originator key must be a P-256 key");
                    }
                }
                int version = info.getVersion().intValueExact();
                if (info.getInfo() instanceof KeyTransRecipientInfo ktri
                        ? version != (ktri.getRecipientIdentifier().isTagged() ? 2 : 0)
                        : info.getInfo() instanceof KeyAgreeRecipientInfo && version != 3) {
                    throw new EnvelopeException(MALFORMED_CMS, "malformed CMS: wrong recipient info version " + version);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new EnvelopeException(MALFORMED_CMS, "malformed CMS: unreadable recipient infos", e);
        }
    }

    private static ASN1ObjectIdentifier peekContentType(BufferedInputStream in) throws IOException, EnvelopeException {
        in.mark(BUFFER);
        try {
            Object first = new ASN1StreamParser(in).readObject();
            if (!(first instanceof ASN1SequenceParser sequence)) {
                throw new EnvelopeException(MALFORMED_CMS, "not a CMS ContentInfo");
            }
            return new ContentInfoParser(sequence).getContentType();
        } finally {
            in.reset();
        }
    }

    /** The recipient info addressed to one of our keys, and that key. */
    private record Addressed(RecipientInformation info, Credentials key) {
    }

    private Addressed findRecipient(RecipientInformationStore infos) throws EnvelopeException {
        EnvelopeException issuerMismatch = null;
        for (Credentials candidate : recipients) {
            X509Certificate own = candidate.certificate();
            RecipientInformation mine = own.getPublicKey() instanceof ECPublicKey
                    ? infos.get(new JceKeyAgreeRecipientId(own))
                    : infos.get(new JceKeyTransRecipientId(own));
            if (mine == null) {
                continue;
            }
            // Name matching is lenient (string types, case); the recipient's issuer must be encoded exactly as ours.
            X500Name issuer = mine.getRID() instanceof KeyTransRecipientId k ? k.getIssuer()
                    : mine.getRID() instanceof KeyAgreeRecipientId a ? a.getIssuer() : null;
            try {
                if (issuer != null && !Arrays.equals(issuer.getEncoded(ASN1Encoding.DER),
                        own.getIssuerX500Principal().getEncoded())) {
                    issuerMismatch = new EnvelopeException(NOT_FOR_THIS_RECIPIENT,
                            "the recipient's issuer name does not match exactly");
                    continue;
                }
            } catch (IOException e) {
                throw new EnvelopeException(MALFORMED_CMS, "malformed recipient issuer name", e);
            }
            if (mine instanceof KeyTransRecipientInformation) {
                AlgorithmPolicy.checkKeyTransport(mine.getKeyEncryptionAlgorithm());
            } else if (mine instanceof KeyAgreeRecipientInformation) {
                AlgorithmPolicy.checkKeyAgreement(mine.getKeyEncryptionAlgorithm());
            } else {
                throw new EnvelopeException(WEAK_ALGORITHM, "unsupported recipient type "
                        + mine.getClass().getSimpleName());
            }
            return new Addressed(mine, candidate);
        }
        if (issuerMismatch != null) {
            throw issuerMismatch;
        }
        X509Certificate current = recipients.get(0).certificate();
        throw new EnvelopeException(NOT_FOR_THIS_RECIPIENT, "the message is not addressed to "
                + current.getSubjectX500Principal().getName() + " (serial " + current.getSerialNumber().toString(16)
                + (recipients.size() > 1 ? ") nor to any of its " + (recipients.size() - 1) + " previous keys" : ")"));
    }

    private InputStream decryptedStream(Addressed addressed, boolean authenticated) throws EnvelopeException {
        RecipientInformation mine = addressed.info();
        var key = addressed.key().privateKey();
        Recipient decryptor;
        if (mine instanceof KeyTransRecipientInformation) {
            decryptor = authenticated ? new JceKeyTransAuthEnvelopedRecipient(key).setProvider(CryptoProvider.BC)
                    : new JceKeyTransEnvelopedRecipient(key).setProvider(CryptoProvider.BC);
        } else {
            decryptor = authenticated ? new JceKeyAgreeAuthEnvelopedRecipient(key).setProvider(CryptoProvider.BC)
                    : new JceKeyAgreeEnvelopedRecipient(key).setProvider(CryptoProvider.BC);
        }
        CMSTypedStream typed;
        try {
            typed = mine.getContentStream(decryptor);
        } catch (CMSException | RuntimeException e) {
            throw new EnvelopeException(DECRYPTION_FAILED, "the content key could not be decrypted", e);
        } catch (IOException e) {
            throw new EnvelopeException(MALFORMED_CMS, "malformed CMS: " + e.getMessage(), e);
        }
        if (!CMSObjectIdentifiers.data.equals(typed.getContentType())) {
            throw new EnvelopeException(MALFORMED_CMS, "the encrypted content must be id-data holding a SignedData, not "
                    + typed.getContentType());
        }
        return typed.getContentStream();
    }

    private Inner readSignedData(DecryptedStream plain, BerBounds bounds, ProcessingDeadline deadline,
                                 ContentSpool spool) throws EnvelopeException {
        try {
            CMSSignedDataParser parser = new CMSSignedDataParser(new JcaDigestCalculatorProviderBuilder().build(),
                    new WatchedStream(deadline.guard(plain), bounds::update));
            CMSTypedStream signed = parser.getSignedContent();
            if (signed == null) {
                throw new EnvelopeException(MALFORMED_CMS, "the SignedData has no encapsulated content (detached)");
            }
            if (!CMSObjectIdentifiers.data.equals(signed.getContentType())) {
                throw new EnvelopeException(MALFORMED_CMS, "the signed content must be id-data, not " + signed.getContentType());
            }
            copy(signed.getContentStream(), spool);
            Store<X509CertificateHolder> certificates = parser.getCertificates();
            Collection<SignerInformation> signers = parser.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                throw new EnvelopeException(MALFORMED_CMS, "exactly one signer is required, found " + signers.size());
            }
            return new Inner(signers.iterator().next(), certificates);
        } catch (EnvelopeException e) {
            throw e;
        } catch (CMSException | IOException | OperatorCreationException | RuntimeException e) {
            EnvelopeException refusal = RefusalIOException.find(e);
            if (refusal == null) {
                refusal = bounds.refusal();
            }
            if (refusal != null && refusal.reason() != MALFORMED_CMS) {
                throw refusal;
            }
            // Garbled plaintext usually means a tampered ciphertext: finish reading so the tag check can say so.
            if (isCipherFailure(e) || plain.cipherFailed() || !drainsCleanly(plain)) {
                throw new EnvelopeException(DECRYPTION_FAILED, "the content could not be decrypted or authenticated", e);
            }
            throw refusal != null ? refusal
                    : new EnvelopeException(MALFORMED_CMS, "malformed SignedData: " + e.getMessage(), e);
        }
    }

    private Verified verifySigner(Inner inner) throws EnvelopeException {
        SignerInformation signer = inner.signer();
        AlgorithmPolicy.checkDigest(signer.getDigestAlgorithmID());
        AlgorithmPolicy.checkSignature(signer.toASN1Structure().getDigestEncryptionAlgorithm());
        AttributeTable signed = signer.getSignedAttributes();
        Attribute time = signed == null ? null : signed.get(CMSAttributes.signingTime);
        if (time == null) {
            throw new EnvelopeException(MALFORMED_CMS, "the signature has no signing-time signed attribute");
        }
        Instant signingTime;
        try {
            signingTime = Time.getInstance(time.getAttrValues().getObjectAt(0)).getDate().toInstant();
        } catch (RuntimeException e) {
            throw new EnvelopeException(MALFORMED_CMS, "malformed signing time", e);
        }

        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = inner.certificates().getMatches(signer.getSID());
        if (matches.isEmpty()) {
            throw new EnvelopeException(UNTRUSTED_SIGNER, "the signer's certificate is not included in the message");
        }
        X509CertificateHolder holder = matches.iterator().next();
        X509Certificate certificate = toX509(holder);
        AlgorithmPolicy.checkKey(certificate.getPublicKey(), "signer " + certificate.getSubjectX500Principal().getName());
        try {
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(CryptoProvider.BC).build(holder))) {
                throw new EnvelopeException(BAD_SIGNATURE, "the signature does not verify");
            }
        } catch (CMSVerifierCertificateNotValidException e) {
            throw new EnvelopeException(CERTIFICATE_EXPIRED, "the signer's certificate was not valid at the signing time "
                    + signingTime, e);
        } catch (CMSSignerDigestMismatchException e) {
            throw new EnvelopeException(BAD_SIGNATURE, "the content does not match its signed message digest", e);
        } catch (CMSException | RuntimeException e) {
            throw new EnvelopeException(BAD_SIGNATURE, "the signature does not verify: " + e.getMessage(), e);
        } catch (OperatorCreationException | CertificateException e) {
            throw new EnvelopeException(WEAK_ALGORITHM, "unsupported signature: " + e.getMessage(), e);
        }

        List<X509Certificate> others = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> all = inner.certificates().getMatches(null);
        for (X509CertificateHolder other : all) {
            if (!other.equals(holder)) {
                others.add(toX509(other));
            }
        }
        List<X509Certificate> path = validator.validate(certificate, others, signingTime);
        return new Verified(certificate, path, signingTime);
    }

    private static X509Certificate toX509(X509CertificateHolder holder) throws EnvelopeException {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new EnvelopeException(MALFORMED_CMS, "malformed certificate in the message", e);
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
        }
    }

    /**
     * What follows a parsed structure may only be BER end-of-contents octets (zeros): anything else is appended or
     * altered data. Reading to the end also makes the cipher verify its tag or padding.
     */
    private static void requireOnlyEndOfContents(InputStream in, boolean decrypted) throws IOException, EnvelopeException {
        byte[] buffer = new byte[BUFFER];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] != 0) {
                    throw new EnvelopeException(MALFORMED_CMS, "unexpected data after the "
                            + (decrypted ? "SignedData" : "enveloped data"));
                }
            }
        }
    }

    private static boolean drainsCleanly(InputStream in) {
        try {
            byte[] buffer = new byte[BUFFER];
            while (in.read(buffer) >= 0) {
                // reading to the end makes the cipher check the tag
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return !isCipherFailure(e) && RefusalIOException.find(e) == null;
        }
    }

    private static boolean isCipherFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidCipherTextIOException || t instanceof BadPaddingException
                    || t instanceof InvalidCipherTextException
                    || t instanceof GeneralSecurityException && t.getMessage() != null
                    && t.getMessage().toLowerCase(Locale.ROOT).contains("mac check")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
