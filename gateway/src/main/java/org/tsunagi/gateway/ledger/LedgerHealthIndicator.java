package org.tsunagi.gateway.ledger;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** The {@code ledger} health component: DOWN while the {@link LedgerAlarm} is raised, with its cause. */
final class LedgerHealthIndicator implements HealthIndicator {

    private final LedgerAlarm alarm;

    LedgerHealthIndicator(LedgerAlarm alarm) {
        this.alarm = alarm;
    }

    @Override
    public Health health() {
        Health.Builder health = alarm.raised() ? Health.down() : Health.up();
        alarm.inconsistency().ifPresent(cause -> health.withDetail("inconsistent", cause));
        alarm.timestampProblem().ifPresent(cause -> health.withDetail("timestamp", cause));
        return health.withDetail("ingestPaused", alarm.ingestPaused()).build();
    }
}
