package org.tsunagi.gateway.pipeline;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway takes files from the inboxes and works on them.
 *
 * @param enabled            whether the message route runs (default true)
 * @param pollDelay          time between scans of the inboxes and the work area (default 500ms)
 * @param minFileAge         a {@code *.p7m} file is taken only once it has not changed for this long (default 1s):
 *                           a guard against files still being written, on top of the upload-then-rename convention
 * @param abandonedUploadAge a file with any other name (an upload in progress, e.g. {@code *.part}) is taken, and
 *                           refused as {@code NOT_A_DROP}, once it has not changed for this long (default 15m)
 * @param maxFilesPerPoll    how many files one scan takes from the inboxes at most (default 200)
 * @param workers            messages in flight at once in this instance (default: the available processors)
 * @param maxAttempts        attempts on one drop that end in an unexpected failure before it is refused with
 *                           {@code INTERNAL_ERROR} (default 5)
 * @param retryBackoff       wait before the second attempt; doubled for each further one (default 1s)
 * @param maxRetryBackoff    the longest wait between two attempts (default 5m)
 * @param claimLease         how long an instance's claim on a drop holds before another instance may take the drop
 *                           over (default 60s): longer than the slowest message, short enough for a quick takeover
 */
@Validated
@ConfigurationProperties("tsunagi.pipeline")
public record PipelineProperties(@DefaultValue("true") boolean enabled,
                                 @DefaultValue("500ms") @NotNull Duration pollDelay,
                                 @DefaultValue("1s") @NotNull Duration minFileAge,
                                 @DefaultValue("15m") @NotNull Duration abandonedUploadAge,
                                 @DefaultValue("200") @Min(1) @Max(10000) int maxFilesPerPoll,
                                 @DefaultValue("0") @Min(0) @Max(256) int workers,
                                 @DefaultValue("5") @Min(1) @Max(100) int maxAttempts,
                                 @DefaultValue("1s") @NotNull Duration retryBackoff,
                                 @DefaultValue("5m") @NotNull Duration maxRetryBackoff,
                                 @DefaultValue("60s") @NotNull Duration claimLease) {

    /** {@link #workers()}, with 0 meaning one per available processor. */
    int workersInFlight() {
        return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }

    /** The wait after the {@code attempt}-th failed attempt: exponential, capped. */
    Duration backoffAfter(int attempt) {
        Duration wait = retryBackoff.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
        return wait.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : wait;
    }
}
