package org.tsunagi.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class PostgresLedgerStoreTest extends LedgerStoreContract {

    @Override
    DataSource dataSource() {
        return TestDatabases.postgres();
    }

    @Override
    boolean guardsTruncate() {
        return true;
    }

    /** Two instances' integrators on one database: one integrates; when its session dies or it stops, the other. */
    @Test
    void anotherIntegratorTakesOverWhenTheHolderLosesItsConnectionOrStops() {
        LedgerProperties.Integration fast = new LedgerProperties.Integration(Duration.ofMillis(20), 100,
                Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofSeconds(2));
        LedgerIntegrator first = integrator("integrator-1", new SimpleMeterRegistry(), fast);
        LedgerIntegrator second = integrator("integrator-2", new SimpleMeterRegistry(), fast);
        try {
            first.start();
            awaitTrue("the first integrator takes the role", first::integrating);
            second.start();
            appendAndIntegrate(0, 150);
            assertThat(first.integrating()).isTrue();
            assertThat(second.integrating()).as("one integrator per cluster").isFalse();

            // The first instance's database session dies (as when its host is cut off or killed).
            assertThat(jdbc.queryForObject("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                    Long.class)).isEqualTo(1);
            // Whichever instance gets the lock next (the first one reconnects, too), exactly one integrates again.
            awaitTrue("an integrator holds the role again", () -> advisoryLocks() == 1
                    && (first.integrating() ^ second.integrating()));
            appendAndIntegrate(150, 300);

            LedgerIntegrator holder = first.integrating() ? first : second;
            LedgerIntegrator other = holder == first ? second : first;
            holder.stop();
            awaitTrue("the other instance takes over once the holder stopped", other::integrating);
            appendAndIntegrate(300, 320);
            assertThat(advisoryLocks()).isEqualTo(1);
        } finally {
            second.stop();
            first.stop();
        }
        long size = ledger.size();
        assertThat(size).isEqualTo(320);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT idx) FROM ledger_entry", Long.class)).isEqualTo(320);
        assertThat(jdbc.queryForObject("SELECT MAX(idx) FROM ledger_entry", Long.class)).isEqualTo(319);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_pending", Long.class)).isZero();
        byte[] root = naiveRoot(ledger.entries(0, size));
        assertThat(ledger.rootHash(size)).isEqualTo(root);
        assertThat(ledger.consistencyProof(150, size).verify(naiveRoot(ledger.entries(0, 150)), root)).isTrue();
    }

    private long advisoryLocks() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", Long.class);
    }

    private void appendAndIntegrate(int from, int to) {
        for (int i = from; i < to; i += 10) {
            int first = i;
            tx.executeWithoutResult(status -> {
                for (int k = first; k < Math.min(to, first + 10); k++) {
                    ledger.append(disclosure(k));
                }
            });
        }
        assertThat(ledger.awaitIntegrated(Duration.ofSeconds(20))).as("integrated by the integrator").isTrue();
        assertThat(ledger.size()).isEqualTo(to);
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline < 0).as(what + " within 20 s").isTrue();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
