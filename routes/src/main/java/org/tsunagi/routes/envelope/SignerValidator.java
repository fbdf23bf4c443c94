package org.tsunagi.routes.envelope;

import static org.tsunagi.routes.envelope.EnvelopeException.Reason.CERTIFICATE_EXPIRED;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.CERTIFICATE_REVOKED;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.REVOCATION_UNKNOWN;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.UNTRUSTED_SIGNER;
import static org.tsunagi.routes.envelope.EnvelopeException.Reason.WEAK_ALGORITHM;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Validates a signer's certificate: a path to a configured trust anchor (JDK PKIX), every certificate of it valid
 * at the signing time and now, key usage allowing signatures, accepted algorithms and key sizes, and revocation
 * from the configured CRLs. Thread-safe and meant to be shared: trust anchors are parsed once and CRLs cached (see
 * {@link SignerTrust}). Used for CMS and JOSE alike; the gateway may call it directly on registered certificates.
 */
public final class SignerValidator {

    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;

    private final Set<TrustAnchor> anchors;
    private final boolean revocationRequired;
    private final Supplier<CertStore> crls;
    private final Clock clock;

    public SignerValidator(SignerTrust trust) {
        this(trust, Clock.systemUTC());
    }

    /** With an explicit clock for "now" (signing times come from the signatures). */
    public SignerValidator(SignerTrust trust, Clock clock) {
        this(trust, new CrlStore(trust.crlLocations(), trust.crlRecheckInterval(), clock)::certStore, clock);
    }

    /**
     * With the CRLs kept by the caller (the gateway reloads them on a schedule from files or URLs and validates them
     * before use): each validation uses what {@code crls} supplies at that moment; {@code trust}'s CRL locations and
     * re-check interval are not used.
     */
    public SignerValidator(SignerTrust trust, Supplier<CertStore> crls, Clock clock) {
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate anchor : trust.trustAnchors()) {
            set.add(new TrustAnchor(anchor, null));
        }
        this.anchors = Set.copyOf(set);
        this.revocationRequired = trust.revocationRequired();
        this.clock = clock;
        this.crls = crls;
    }

    /**
     * Validates {@code signer} as the author of a signature made at {@code signingTime}.
     *
     * @param signer        the signer's certificate
     * @param intermediates other certificates that came with the signature (untrusted; used only to build the path)
     * @param signingTime   the signing time claimed in the signature
     * @return the validated path, signer first, without the trust anchor
     * @throws EnvelopeException UNTRUSTED_SIGNER, CERTIFICATE_EXPIRED, CERTIFICATE_REVOKED, REVOCATION_UNKNOWN or
     *                           WEAK_ALGORITHM
     */
    public List<X509Certificate> validate(X509Certificate signer, Collection<X509Certificate> intermediates,
                                          Instant signingTime) throws EnvelopeException {
        Instant now = clock.instant();
        String subject = signer.getSubjectX500Principal().getName();
        AlgorithmPolicy.checkKey(signer.getPublicKey(), "signer " + subject);
        checkKeyUsage(signer, subject);
        checkValidity(signer, signingTime, now);

        List<X509Certificate> path = buildPath(signer, intermediates, now, subject);
        for (X509Certificate certificate : path) {
            checkValidity(certificate, signingTime, now);
            AlgorithmPolicy.checkCertificateSignature(certificate);
            AlgorithmPolicy.checkKey(certificate.getPublicKey(), "certificate "
                    + certificate.getSubjectX500Principal().getName());
        }
        validatePath(path, now, subject);
        return path;
    }

    private List<X509Certificate> buildPath(X509Certificate signer, Collection<X509Certificate> intermediates,
                                            Instant now, String subject) throws EnvelopeException {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signer);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            List<X509Certificate> candidates = new ArrayList<>(intermediates);
            candidates.add(signer);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(candidates)));
            // Revocation is checked afterwards by the validator, which reports why a path fails.
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
            List<X509Certificate> path = new ArrayList<>();
            for (var certificate : result.getCertPath().getCertificates()) {
                path.add((X509Certificate) certificate);
            }
            return List.copyOf(path);
        } catch (CertPathBuilderException e) {
            throw new EnvelopeException(UNTRUSTED_SIGNER, "the certificate of " + subject
                    + " does not chain to a trusted CA", e);
        } catch (InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("invalid trust configuration", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PKIX is not available", e);
        }
    }

    private void validatePath(List<X509Certificate> path, Instant now, String subject) throws EnvelopeException {
        try {
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXRevocationChecker revocation = (PKIXRevocationChecker) validator.getRevocationChecker();
            // CRLs from configuration only: no OCSP, no fetching from distribution points.
            EnumSet<PKIXRevocationChecker.Option> options =
                    EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS, PKIXRevocationChecker.Option.NO_FALLBACK);
            if (!revocationRequired) {
                options.add(PKIXRevocationChecker.Option.SOFT_FAIL);
            }
            revocation.setOptions(options);
            PKIXParameters params = new PKIXParameters(anchors);
            params.setDate(Date.from(now));
            params.addCertStore(crls.get());
            params.setRevocationEnabled(true);
            params.addCertPathChecker(revocation);
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            validator.validate(certPath, params);
        } catch (CertPathValidatorException e) {
            throw mapFailure(e, subject);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PKIX is not available", e);
        }
    }

    private static EnvelopeException mapFailure(CertPathValidatorException e, String subject) {
        var reason = e.getReason();
        if (reason == BasicReason.REVOKED) {
            return new EnvelopeException(CERTIFICATE_REVOKED, "the certificate of " + subject + " (or its issuer) is revoked", e);
        }
        if (reason == BasicReason.UNDETERMINED_REVOCATION_STATUS) {
            return new EnvelopeException(REVOCATION_UNKNOWN, "no current CRL for the certificate of " + subject
                    + " (missing, or past its next update)", e);
        }
        if (reason == BasicReason.EXPIRED || reason == BasicReason.NOT_YET_VALID) {
            return new EnvelopeException(CERTIFICATE_EXPIRED, "a certificate of " + subject + "'s chain is not valid now", e);
        }
        if (reason == BasicReason.ALGORITHM_CONSTRAINED) {
            return new EnvelopeException(WEAK_ALGORITHM, "a certificate of " + subject + "'s chain uses a disallowed algorithm", e);
        }
        if (reason == PKIXReason.NO_TRUST_ANCHOR) {
            return new EnvelopeException(UNTRUSTED_SIGNER, "the certificate of " + subject + " does not chain to a trusted CA", e);
        }
        return new EnvelopeException(UNTRUSTED_SIGNER, "the certificate path of " + subject + " is invalid: " + e.getMessage(), e);
    }

    private static void checkValidity(X509Certificate certificate, Instant signingTime, Instant now) throws EnvelopeException {
        String subject = certificate.getSubjectX500Principal().getName();
        try {
            certificate.checkValidity(Date.from(signingTime));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new EnvelopeException(CERTIFICATE_EXPIRED, "the certificate " + subject
                    + " was not valid at the signing time " + signingTime, e);
        }
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new EnvelopeException(CERTIFICATE_EXPIRED, "the certificate " + subject + " is not valid now (valid "
                    + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant() + ")", e);
        }
    }

    private static void checkKeyUsage(X509Certificate signer, String subject) throws EnvelopeException {
        boolean[] usage = signer.getKeyUsage();
        // No key-usage extension means no restriction (RFC 5280, 4.2.1.3).
        if (usage != null && !(usage[DIGITAL_SIGNATURE] || (usage.length > NON_REPUDIATION && usage[NON_REPUDIATION]))) {
            throw new EnvelopeException(UNTRUSTED_SIGNER, "the certificate of " + subject
                    + " does not allow digital signatures (key usage)");
        }
        if (signer.getBasicConstraints() >= 0) {
            throw new EnvelopeException(UNTRUSTED_SIGNER, "the certificate of " + subject
                    + " is a CA certificate, not a signer's");
        }
    }
}
