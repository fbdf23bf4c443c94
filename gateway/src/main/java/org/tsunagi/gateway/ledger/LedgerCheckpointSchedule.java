package org.tsunagi.gateway.ledger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * At start and then every {@code tsunagi.ledger.checkpoint-every}: the self-check against the remembered checkpoint,
 * then a new checkpoint if entries arrived since the last (none while the ledger alarm is raised).
 */
final class LedgerCheckpointSchedule implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerCheckpointSchedule.class);

    private final DisclosureLedger ledger;
    private final CheckpointTimestamping timestamping;
    private final Duration every;
    private ScheduledExecutorService executor;

    LedgerCheckpointSchedule(DisclosureLedger ledger, CheckpointTimestamping timestamping, Duration every) {
        this.ledger = ledger;
        this.timestamping = timestamping;
        this.every = every;
    }

    @Override
    public synchronized void start() {
        ledger.selfCheck();
        ledger.checkpointIfBehind();
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ledger-checkpoints");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            ledger.selfCheck();
            ledger.checkpointIfBehind();
            timestamping.timestampNewest();
        } catch (RuntimeException e) {
            LOG.error("ledger checkpoint failed; will retry in {}", every, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
