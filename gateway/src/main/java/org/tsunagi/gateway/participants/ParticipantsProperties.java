package org.tsunagi.gateway.participants;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param file        the participants YAML (default {@code gateway/config/participants.yaml})
 * @param reloadCheck how often the file is checked for a change and reloaded (default 10s; 0 turns it off)
 */
@Validated
@ConfigurationProperties("tsunagi.participants")
public record ParticipantsProperties(@NotNull Path file, @DefaultValue("10s") @NotNull Duration reloadCheck) {
}
