package org.tsunagi.gateway.pipeline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Health component {@code pipeline}: DOWN while the pipeline keeps failing, that is once {@code threshold}
 * attempts in a row (on any drops, or polls of the work area) failed without a single drop decided in between. One
 * poison file does not make it DOWN (it is given up on and refused first); a database outage with files waiting, or
 * a bug that fails every message, does.
 */
final class PipelineHealth extends AbstractHealthIndicator {

    private final int threshold;
    private int consecutiveFailures;
    private long failures;
    private String lastFailedStep;
    private String lastFailure;
    private Instant lastFailureAt;
    private long decided;

    PipelineHealth(int threshold) {
        super("pipeline health check failed");
        this.threshold = threshold;
    }

    synchronized void decided() {
        consecutiveFailures = 0;
        decided++;
    }

    synchronized void failed(String step, Throwable failure, Instant at) {
        consecutiveFailures++;
        failures++;
        lastFailedStep = step;
        lastFailure = failure == null ? null : failure.getClass().getName();
        lastFailureAt = at;
    }

    @Override
    protected synchronized void doHealthCheck(Health.Builder builder) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("decided", decided);
        details.put("failures", failures);
        details.put("consecutiveFailures", consecutiveFailures);
        if (lastFailureAt != null) {
            details.put("lastFailedStep", lastFailedStep);
            details.put("lastFailure", lastFailure);
            details.put("lastFailureAt", lastFailureAt.toString());
        }
        (consecutiveFailures >= threshold ? builder.down() : builder.up()).withDetails(details);
    }
}
