package org.tsunagi.gateway;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who the gateway is and where it keeps its files.
 *
 * @param gatewayId the gateway's participant id: the {@code To} of inbound messages and the {@code aud} of tokens
 * @param dataDir   the root of the gateway's files (SFTP homes, quarantine, H2 database by default)
 */
@Validated
@ConfigurationProperties("tsunagi")
public record GatewayProperties(@NotBlank String gatewayId, @NotNull Path dataDir) {
}
