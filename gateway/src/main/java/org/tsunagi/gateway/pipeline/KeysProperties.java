package org.tsunagi.gateway.pipeline;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's own keys for messages. Loaded once at start; a missing or unreadable file stops the gateway with a
 * message naming it. (Which signers are trusted is {@code tsunagi.trust.*}, shared with the HTTPS API.)
 *
 * @param encryptionCertificate what senders encrypt to (PEM)
 * @param encryptionKey         its private key (PKCS#8 PEM): opens inbound messages
 * @param signingCertificate    the certificate outgoing copies and receipts are signed with (PEM)
 * @param signingKey            its private key (PKCS#8 PEM)
 */
@Validated
@ConfigurationProperties("tsunagi.keys")
public record KeysProperties(@NotNull Path encryptionCertificate,
                             @NotNull Path encryptionKey,
                             @NotNull Path signingCertificate,
                             @NotNull Path signingKey) {
}
