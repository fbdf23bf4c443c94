package org.tsunagi.gateway.pipeline;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway takes files from the inboxes.
 *
 * @param enabled          whether the message route runs (default true)
 * @param pollDelay        time between scans of the inboxes (default 500ms)
 * @param minFileAge       a file is taken only once it has not changed for this long (default 1s): a guard against
 *                         files still being written, on top of the upload-then-rename convention
 * @param maxFilesPerPoll  how many files one scan takes at most (default 200)
 */
@Validated
@ConfigurationProperties("tsunagi.pipeline")
public record PipelineProperties(@DefaultValue("true") boolean enabled,
                                 @DefaultValue("500ms") @NotNull Duration pollDelay,
                                 @DefaultValue("1s") @NotNull Duration minFileAge,
                                 @DefaultValue("200") @Min(1) @Max(10000) int maxFilesPerPoll) {
}
