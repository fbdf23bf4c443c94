package org.tsunagi.gateway.pipeline;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's own keys for messages. Loaded once at start; a missing or unreadable file stops the gateway with a
 * message naming it. (Which signers are trusted is {@code tsunagi.trust.*}, shared with the HTTPS API.)
 *
 * @param encryptionCertificate what senders encrypt to (PEM): the current encryption certificate, published at
 *                              {@code GET /api/v1/gateway/certificates}
 * @param encryptionKey         its private key (PKCS#8 PEM): opens inbound messages
 * @param signingCertificate    the certificate outgoing copies and receipts are signed with (PEM)
 * @param signingKey            its private key (PKCS#8 PEM)
 * @param previousDecryption    earlier encryption keys still accepted during a rotation's overlap (may be empty):
 *                              a file is opened with the key its CMS recipient identifier names
 */
@Validated
@ConfigurationProperties("tsunagi.keys")
public record KeysProperties(@NotNull Path encryptionCertificate,
                             @NotNull Path encryptionKey,
                             @NotNull Path signingCertificate,
                             @NotNull Path signingKey,
                             @Valid List<DecryptionKey> previousDecryption) {

    public KeysProperties {
        previousDecryption = previousDecryption == null ? List.of() : List.copyOf(previousDecryption);
    }

    /**
     * A previous encryption key pair of the gateway.
     *
     * @param cert its certificate (PEM)
     * @param key  its private key (PKCS#8 PEM)
     */
    public record DecryptionKey(@NotNull Path cert, @NotNull Path key) {
    }
}
