package org.tsunagi.gateway.pipeline;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's keys and the trust it places in signers. Loaded once at start; a missing or unreadable file stops
 * the gateway with a message naming it.
 *
 * @param encryptionCertificate what senders encrypt to (PEM)
 * @param encryptionKey         its private key (PKCS#8 PEM): opens inbound messages
 * @param signingCertificate    the certificate outgoing copies and receipts are signed with (PEM)
 * @param signingKey            its private key (PKCS#8 PEM)
 * @param trustAnchors          the CA certificates signers must chain to
 * @param crls                  the CRLs checked for revocation (re-read when they change)
 * @param revocationRequired    whether a signer without current revocation information is refused (default true)
 */
@Validated
@ConfigurationProperties("tsunagi.keys")
public record KeysProperties(@NotNull Path encryptionCertificate,
                             @NotNull Path encryptionKey,
                             @NotNull Path signingCertificate,
                             @NotNull Path signingKey,
                             @NotEmpty List<Path> trustAnchors,
                             List<Path> crls,
                             @DefaultValue("true") boolean revocationRequired) {

    public KeysProperties {
        trustAnchors = trustAnchors == null ? List.of() : List.copyOf(trustAnchors);
        crls = crls == null ? List.of() : List.copyOf(crls);
    }
}
