package org.tsunagi.gateway.ledger;

import java.time.Duration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code ledger} health component: DOWN while the {@link LedgerAlarm} is raised, with its cause, or while
 * integration is stuck (an entry has waited longer than {@code tsunagi.ledger.integration.max-backlog-age}, or the
 * integrator has not looked for that long).
 */
final class LedgerHealthIndicator implements HealthIndicator {

    private final LedgerAlarm alarm;
    private final LedgerIntegrator integrator;
    private final Duration maxBacklogAge;

    LedgerHealthIndicator(LedgerAlarm alarm, LedgerIntegrator integrator, Duration maxBacklogAge) {
        this.alarm = alarm;
        this.integrator = integrator;
        this.maxBacklogAge = maxBacklogAge;
    }

    @Override
    public Health health() {
        LedgerIntegrator.Status status = integrator.status();
        Duration oldest = integrator.oldestAge();
        Duration unseen = integrator.sinceSeen();
        boolean stuck = oldest.compareTo(maxBacklogAge) > 0;
        boolean blind = integrator.isRunning() && unseen.compareTo(maxBacklogAge) > 0;
        Health.Builder health = alarm.raised() || stuck || blind ? Health.down() : Health.up();
        alarm.inconsistency().ifPresent(cause -> health.withDetail("inconsistent", cause));
        alarm.timestampProblem().ifPresent(cause -> health.withDetail("timestamp", cause));
        if (stuck) {
            health.withDetail("integration", "stuck: an entry has waited " + oldest.toSeconds() + " s for its index "
                    + "(more than tsunagi.ledger.integration.max-backlog-age " + maxBacklogAge + ")");
        } else if (blind) {
            health.withDetail("integration", "the integrator has not read the backlog for " + unseen.toSeconds() + " s");
        }
        return health.withDetail("ingestPaused", alarm.ingestPaused())
                .withDetail("pendingEntries", status.pendingEntries())
                .withDetail("oldestPendingSeconds", oldest.toMillis() / 1000.0)
                .withDetail("integratorHere", status.integrating()).build();
    }
}
