package org.tsunagi.routes.redaction;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where redaction finds its configuration. The gateway binds it from (proposed keys):
 * <ul>
 *   <li>{@code tsunagi.redaction.policies-dir} (default {@code gateway/config/policies}): one {@code <purpose>.yaml}
 *       per purpose</li>
 *   <li>{@code tsunagi.redaction.pseudonym-key-file} (default {@code keys-example/gateway/pseudonym-key.txt}, demo
 *       only): base64 of at least 32 random bytes</li>
 * </ul>
 */
public record RedactionConfig(Path policiesDir, Path pseudonymKeyFile) {

    public RedactionConfig {
        Objects.requireNonNull(policiesDir, "tsunagi.redaction.policies-dir");
        Objects.requireNonNull(pseudonymKeyFile, "tsunagi.redaction.pseudonym-key-file");
    }
}
