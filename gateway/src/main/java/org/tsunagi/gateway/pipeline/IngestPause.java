package org.tsunagi.gateway.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tsunagi.gateway.ledger.LedgerAlarm;

/**
 * Holds intake while the ledger alarm pauses ingest: new drops stay in their inboxes, untouched, and are picked up
 * once the alarm clears. Nothing is refused or lost; drops already in flight finish normally.
 */
final class IngestPause {

    private static final Logger LOG = LoggerFactory.getLogger(IngestPause.class);

    private final LedgerAlarm alarm;
    private volatile boolean wasPaused;

    IngestPause(LedgerAlarm alarm) {
        this.alarm = alarm;
    }

    /** Whether intake is paused now; logs each change once. */
    boolean paused() {
        boolean paused = alarm.ingestPaused();
        if (paused != wasPaused) {
            wasPaused = paused;
            if (paused) {
                LOG.error("ingest paused by the ledger alarm: new drops wait in their inboxes");
            } else {
                LOG.warn("ingest resumed");
            }
        }
        return paused;
    }
}
