package org.tsunagi.gateway.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pipeline's Micrometer meters (Prometheus on the management port):
 * <ul>
 *   <li>{@code tsunagi_messages_total{type,outcome}}: messages decided, by type and outcome (accepted, refused);</li>
 *   <li>{@code tsunagi_pipeline_stage_seconds{stage}}: time spent in each step of the story;</li>
 *   <li>{@code tsunagi_quarantined_total{reason}}: files quarantined, by reason code;</li>
 *   <li>{@code tsunagi_outbox_depth}: copies waiting for their recipients' acknowledgement.</li>
 * </ul>
 * No tag ever carries a participant's data beyond ids of message types and reason codes.
 */
final class PipelineMetrics {

    private final MeterRegistry registry;
    /** Held here: a gauge only keeps a weak reference to what it measures. */
    private final OutboxDepth outboxDepth;

    PipelineMetrics(MeterRegistry registry, JdbcClient jdbc) {
        this.registry = registry;
        this.outboxDepth = new OutboxDepth(jdbc);
        Gauge.builder("tsunagi.outbox.depth", outboxDepth, OutboxDepth::value)
                .description("sealed copies not yet acknowledged by their recipients")
                .register(registry);
    }

    <T> T time(String stage, Supplier<T> step) {
        Timer.Sample sample = Timer.start(registry);
        try {
            return step.get();
        } finally {
            sample.stop(Timer.builder("tsunagi.pipeline.stage").description("time spent in one step of the route")
                    .tag("stage", stage).publishPercentileHistogram(false).register(registry));
        }
    }

    void decided(String messageType, boolean accepted, String reasonCode) {
        Counter.builder("tsunagi.messages").description("messages decided, by type and outcome")
                .tag("type", messageType == null ? "unknown" : messageType)
                .tag("outcome", accepted ? "accepted" : "refused")
                .register(registry).increment();
        if (!accepted) {
            Counter.builder("tsunagi.quarantined").description("files quarantined, by reason code")
                    .tag("reason", reasonCode).register(registry).increment();
        }
    }

    /** Counted at most every few seconds, however often Prometheus scrapes. */
    private static final class OutboxDepth {
        private static final Duration FRESH = Duration.ofSeconds(5);
        private final JdbcClient jdbc;
        private long at;
        private double value;

        OutboxDepth(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        synchronized double value() {
            long now = System.nanoTime();
            if (at == 0 || now - at > FRESH.toNanos()) {
                try {
                    value = jdbc.sql("SELECT COUNT(*) FROM outbox_copy WHERE acknowledged_at IS NULL")
                            .query(Long.class).single();
                } catch (org.springframework.dao.DataAccessException e) {
                    // Never NaN: keep the last count (the databaseAccess health component says why it is stale).
                    org.slf4j.LoggerFactory.getLogger(PipelineMetrics.class)
                            .warn("cannot count the outbox: {}", e.getMostSpecificCause().toString());
                }
                at = now;
            }
            return value;
        }
    }
}
