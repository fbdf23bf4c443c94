package org.tsunagi.gateway.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pipeline's Micrometer meters (Prometheus on the management port):
 * <ul>
 *   <li>{@code tsunagi_messages_total{type,outcome}}: messages decided, by type and outcome (accepted, refused);</li>
 *   <li>{@code tsunagi_pipeline_stage_seconds{stage}}: time spent in each step of the story;</li>
 *   <li>{@code tsunagi_quarantined_total{reason}}: files quarantined, by reason code;</li>
 *   <li>{@code tsunagi_outbox_depth}: copies waiting for their recipients' acknowledgement;</li>
 *   <li>{@code tsunagi_pipeline_errors_total{step,error}}: attempts that failed other than by a refusal, by step and
 *       exception class;</li>
 *   <li>{@code tsunagi_pipeline_retries_total}: failed attempts left for a later attempt (after a back-off);</li>
 *   <li>{@code tsunagi_pipeline_abandoned_total}: drops quarantined without a receipt because even their refusal
 *       failed;</li>
 *   <li>{@code tsunagi_pipeline_claim_takeovers_total}: drops taken over from an instance whose claim expired;</li>
 *   <li>{@code tsunagi_pipeline_in_flight}: messages being worked on in this instance;</li>
 *   <li>{@code tsunagi_copies_withheld_total{reason}}: recipients' copies withheld from messages otherwise
 *   delivered (e.g. STATISTICS_DISCLOSURE_RISK), by reason code.</li>
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

    void failed(String step, Throwable failure) {
        Counter.builder("tsunagi.pipeline.errors").description("failed attempts, by step and exception class")
                .tag("step", step).tag("error", failure == null ? "unknown" : failure.getClass().getSimpleName())
                .register(registry).increment();
    }

    void retried() {
        Counter.builder("tsunagi.pipeline.retries").description("failed attempts left for a later attempt")
                .register(registry).increment();
    }

    void abandoned() {
        Counter.builder("tsunagi.pipeline.abandoned").description("drops quarantined without a receipt")
                .register(registry).increment();
    }

    void tookOver() {
        Counter.builder("tsunagi.pipeline.claim.takeovers").description("drops taken over after a claim expired")
                .register(registry).increment();
    }

    <T> void inFlight(T source, ToDoubleFunction<T> count) {
        Gauge.builder("tsunagi.pipeline.in.flight", source, count).description("messages being worked on")
                .register(registry);
    }

    void decided(String messageType, boolean accepted, String reasonCode) {
        Counter.builder("tsunagi.messages").description("messages decided, by type and outcome")
                .tag("type", messageType == null ? "unknown" : messageType)
                .tag("outcome", accepted ? "accepted" : "refused")
                .register(registry).increment();
        if (!accepted && reasonCode != null) {
            Counter.builder("tsunagi.quarantined").description("files quarantined, by reason code")
                    .tag("reason", reasonCode).register(registry).increment();
        }
    }

    void withheld(String reasonCode) {
        Counter.builder("tsunagi.copies.withheld").description("recipients' copies withheld, by reason code")
                .tag("reason", reasonCode).register(registry).increment();
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
