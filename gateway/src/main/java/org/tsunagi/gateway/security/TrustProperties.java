package org.tsunagi.gateway.security;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which CAs participants' certificates must chain to, and the CRLs that revoke them ({@code tsunagi.trust.*}).
 *
 * @param anchors            CA certificate files (PEM), relative to the working directory
 * @param crls               CRL files or folders (PEM or DER), re-read when they change
 * @param revocationRequired refuse a certificate whose issuer has no current CRL
 */
@Validated
@ConfigurationProperties("tsunagi.trust")
public record TrustProperties(@NotEmpty List<@NotNull String> anchors, List<@NotNull String> crls,
                              @DefaultValue("true") boolean revocationRequired) {

    public TrustProperties {
        crls = crls == null ? List.of() : List.copyOf(crls);
    }

    // Plain strings bound, then made paths here: Spring's Path conversion refuses "../" locations.
    List<Path> anchorFiles() {
        return anchors.stream().map(Path::of).toList();
    }

    List<Path> crlLocations() {
        return crls.stream().map(Path::of).toList();
    }
}
