package org.tsunagi.gateway.participants;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** @param file the participants YAML (default {@code gateway/config/participants.yaml}) */
@Validated
@ConfigurationProperties("tsunagi.participants")
public record ParticipantsProperties(@NotNull Path file) {
}
