package org.tsunagi.routes.envelope;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How signers' certificates are validated (configuration of {@link SignerValidator}).
 *
 * @param trustAnchors       the CA certificates signers must chain to (at least one)
 * @param crlLocations       CRL files (PEM or DER) and directories (every {@code *.pem}, {@code *.crl},
 *                           {@code *.der} file in them); re-read when a file changes
 * @param revocationRequired {@code true} (the default): a certificate without a current CRL from its issuer
 *                           (missing, or past its next update) is refused with {@code REVOCATION_UNKNOWN};
 *                           {@code false}: checked when a CRL is there, accepted otherwise
 * @param crlRecheckInterval how often the CRL locations are checked for changes (zero: on every validation)
 */
public record SignerTrust(List<X509Certificate> trustAnchors, List<Path> crlLocations, boolean revocationRequired,
                          Duration crlRecheckInterval) {

    public static final Duration DEFAULT_CRL_RECHECK = Duration.ofSeconds(30);

    public SignerTrust {
        trustAnchors = List.copyOf(trustAnchors);
        crlLocations = List.copyOf(crlLocations);
        Objects.requireNonNull(crlRecheckInterval, "crlRecheckInterval");
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("at least one trust anchor is required");
        }
        if (crlRecheckInterval.isNegative()) {
            throw new IllegalArgumentException("crlRecheckInterval must not be negative");
        }
    }

    /** Revocation required, CRLs re-checked every 30 seconds. */
    public static SignerTrust of(List<X509Certificate> trustAnchors, List<Path> crlLocations) {
        return new SignerTrust(trustAnchors, crlLocations, true, DEFAULT_CRL_RECHECK);
    }
}
