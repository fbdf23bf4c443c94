package org.tsunagi.gateway.pipeline;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tsunagi.gateway.ledger.LedgerAlarm;

/**
 * Skips the inbox poll while the ledger alarm pauses ingest: new drops stay in their inboxes, untouched, and are
 * picked up once the alarm clears. Nothing is refused or lost; drops already in flight finish normally.
 */
final class IngestPollStrategy extends DefaultPollingConsumerPollStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(IngestPollStrategy.class);

    private final LedgerAlarm alarm;
    private volatile boolean wasPaused;

    IngestPollStrategy(LedgerAlarm alarm) {
        this.alarm = alarm;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        boolean paused = alarm.ingestPaused();
        if (paused != wasPaused) {
            wasPaused = paused;
            if (paused) {
                LOG.error("ingest paused by the ledger alarm: new drops wait in their inboxes");
            } else {
                LOG.warn("ingest resumed");
            }
        }
        return !paused;
    }
}
