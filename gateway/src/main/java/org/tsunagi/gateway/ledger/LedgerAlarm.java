package org.tsunagi.gateway.ledger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's alarm: raised when the tree is not consistent with the last checkpoint the gateway signed (then it
 * signs nothing), or when no timestamp could be had for too long. While it is raised for inconsistency (or for a
 * missing timestamp with {@code require-timestamp}), {@link #ingestPaused()} tells the pipeline to leave new drops in
 * their inboxes. Re-evaluated by every self-check, so it clears once an operator has restored a consistent state.
 */
public final class LedgerAlarm {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerAlarm.class);

    private final AtomicReference<String> inconsistency = new AtomicReference<>();
    private final AtomicReference<String> timestampOverdue = new AtomicReference<>();
    private final boolean requireTimestamp;
    private final Counter inconsistencies;
    private final Counter overdue;

    LedgerAlarm(MeterRegistry meters, boolean requireTimestamp) {
        this.requireTimestamp = requireTimestamp;
        this.inconsistencies = Counter.builder("tsunagi.ledger.alarms").tag("cause", "inconsistent")
                .description("times the ledger was found inconsistent with the last checkpoint the gateway signed")
                .register(meters);
        this.overdue = Counter.builder("tsunagi.ledger.alarms").tag("cause", "timestamp-overdue")
                .description("times no RFC 3161 timestamp could be had for longer than the allowed gap")
                .register(meters);
        Gauge.builder("tsunagi.ledger.alarm", this, a -> a.raised() ? 1 : 0)
                .description("1 while the ledger alarm is raised").register(meters);
        Gauge.builder("tsunagi.ledger.ingest.paused", this, a -> a.ingestPaused() ? 1 : 0)
                .description("1 while new drops are left in their inboxes").register(meters);
    }

    void inconsistent(String cause) {
        if (inconsistency.getAndSet(cause) == null) {
            inconsistencies.increment();
        }
        LOG.error("LEDGER ALARM: {}. No checkpoint is signed and new drops wait in their inboxes until this is resolved "
                + "(README: \"When the ledger alarm is raised\").", cause);
    }

    void consistent() {
        if (inconsistency.getAndSet(null) != null) {
            LOG.warn("ledger alarm cleared: the tree is consistent with the last signed checkpoint again");
        }
    }

    void timestampOverdue(String cause) {
        if (timestampOverdue.getAndSet(cause) == null) {
            overdue.increment();
            LOG.error("LEDGER ALARM: {}{}", cause, requireTimestamp ? "; new drops wait in their inboxes" : "");
        }
    }

    void timestamped() {
        if (timestampOverdue.getAndSet(null) != null) {
            LOG.warn("ledger alarm cleared: checkpoints are timestamped again");
        }
    }

    /** Why the gateway refuses to sign, if it does. */
    public Optional<String> inconsistency() {
        return Optional.ofNullable(inconsistency.get());
    }

    public Optional<String> timestampProblem() {
        return Optional.ofNullable(timestampOverdue.get());
    }

    public boolean raised() {
        return inconsistency.get() != null || timestampOverdue.get() != null;
    }

    /** True while new drops must wait in their inboxes: the pipeline consults this before every poll. */
    public boolean ingestPaused() {
        return inconsistency.get() != null || (requireTimestamp && timestampOverdue.get() != null);
    }
}
