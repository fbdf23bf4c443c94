package org.tsunagi.gateway.security;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Which CAs participants' certificates must chain to, and the CRLs that revoke them ({@code tsunagi.trust.*}).
 *
 * @param anchors            CA certificate files (PEM), relative to the working directory
 * @param crls               CRL files or folders (PEM or DER), or {@code http://} / {@code https://} URLs; each
 *                           reloaded every {@code crlReloadInterval}, validated before it replaces the one in use
 * @param revocationRequired refuse a certificate whose issuer has no current CRL
 * @param crlReloadInterval  how often every CRL source is read again (at least 1 second)
 * @param crlMaxBytes        the largest CRL file or download accepted
 * @param crlFetchTimeout    connect and read limit for a CRL URL
 */
@Validated
@ConfigurationProperties("tsunagi.trust")
public record TrustProperties(@NotEmpty List<@NotNull String> anchors, List<@NotNull String> crls,
                              @DefaultValue("true") boolean revocationRequired,
                              @DefaultValue("60s") Duration crlReloadInterval,
                              @DefaultValue("10MB") DataSize crlMaxBytes,
                              @DefaultValue("10s") Duration crlFetchTimeout) {

    public TrustProperties {
        crls = crls == null ? List.of() : List.copyOf(crls);
        if (crlReloadInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("tsunagi.trust.crl-reload-interval must be at least 1s");
        }
        if (crlMaxBytes.toBytes() < 1024) {
            throw new IllegalArgumentException("tsunagi.trust.crl-max-bytes must be at least 1KB");
        }
        if (crlFetchTimeout.isNegative() || crlFetchTimeout.isZero()) {
            throw new IllegalArgumentException("tsunagi.trust.crl-fetch-timeout must be positive");
        }
        for (String crl : crls) {
            if (isUrl(crl)) {
                URI uri = URI.create(crl);
                if (uri.getHost() == null) {
                    throw new IllegalArgumentException("tsunagi.trust.crls: " + crl + " has no host");
                }
            } else if (crl.contains("://")) {
                throw new IllegalArgumentException("tsunagi.trust.crls: " + crl
                        + " is neither a file nor an http:// or https:// URL");
            }
        }
    }

    static boolean isUrl(String location) {
        return location.startsWith("http://") || location.startsWith("https://");
    }

    // Plain strings bound, then made paths here: Spring's Path conversion refuses "../" locations.
    List<Path> anchorFiles() {
        return anchors.stream().map(Path::of).toList();
    }
}
