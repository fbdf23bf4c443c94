package org.tsunagi.gateway.pipeline;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the disclosure policies and the pseudonym key are (read once at start; see
 * {@code gateway/config/policies/README.md}).
 *
 * @param policiesDir      one {@code <purpose>.yaml} per purpose (default {@code gateway/config/policies})
 * @param pseudonymKeyFile the pseudonym secret (default {@code keys-example/gateway/pseudonym-key.txt}, demo only)
 */
@Validated
@ConfigurationProperties("tsunagi.redaction")
public record RedactionProperties(@NotNull Path policiesDir, @NotNull Path pseudonymKeyFile) {
}
