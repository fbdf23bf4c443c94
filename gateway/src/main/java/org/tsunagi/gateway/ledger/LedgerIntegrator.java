package org.tsunagi.gateway.ledger;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Gives pending ledger entries their indices: one integrator per cluster.
 *
 * <p>On PostgreSQL every instance runs one, but only the holder of a session-level advisory lock
 * ({@code pg_try_advisory_lock}) integrates, on the very connection that holds the lock: if that session dies, the
 * lock is released and the next attempt of another instance (every {@code takeover-check}) takes over, and the dead
 * session's integration transaction cannot commit. Beyond that, batches serialise on the {@code ledger_lock} row
 * lock and re-read the pending rows under it, and a batch whose pending rows were already moved rolls back, so even
 * two integrators at once would not assign an index twice. H2 (the embedded default, one instance) has no advisory
 * locks: the one gateway integrates on its connection pool.
 *
 * <p>It runs every {@code interval} and at once when this instance commits entries. The integration delay (from the
 * pending write to its integration) is the timer {@code tsunagi.ledger.integration.delay}.
 */
public final class LedgerIntegrator implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerIntegrator.class);
    /** The advisory lock key of the integrator role: "tsunagi" + "ledger" as one 64-bit number. */
    static final long LOCK_KEY = 0x7473756e6167694cL;
    private static final Duration BACKLOG_REFRESH = Duration.ofSeconds(1);

    /** What the integrator last saw of the backlog (read at most every second; health and gauges show it). */
    record Status(long pendingEntries, Optional<Instant> oldestPending, Instant seenAt, boolean integrating) {
    }

    private final DisclosureLedger ledger;
    private final DataSource dataSource;
    private final LedgerProperties.Integration settings;
    private final Clock clock;
    private final Timer delay;
    private final Counter takeovers;
    private final Semaphore wake = new Semaphore(0);
    private final String name;

    private volatile Thread thread;
    private volatile boolean running;
    private volatile Status status;
    // Owned by the integrator thread.
    private Connection lockConnection;
    private DisclosureLedger.Lane leaderLane;
    private Boolean postgres;
    private long nextTakeoverAttempt;
    /** The last batch integrated entries: the next one skips the idle probe. */
    private boolean busy;

    LedgerIntegrator(DisclosureLedger ledger, DataSource dataSource, LedgerProperties.Integration settings,
                     MeterRegistry meters, Clock clock, String name) {
        this.ledger = ledger;
        this.dataSource = dataSource;
        this.settings = settings;
        this.clock = clock;
        this.name = name;
        this.status = new Status(0, Optional.empty(), clock.instant(), false);
        this.delay = Timer.builder("tsunagi.ledger.integration.delay")
                .description("time from a ledger entry's unsequenced write to its integration (index assigned)")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(meters);
        this.takeovers = Counter.builder("tsunagi.ledger.integrator.takeovers")
                .description("times this instance became the cluster's ledger integrator").register(meters);
        Gauge.builder("tsunagi.ledger.pending.entries", this, i -> i.status.pendingEntries())
                .description("ledger entries written but not integrated yet (as last seen, at most 1 s old)")
                .register(meters);
        Gauge.builder("tsunagi.ledger.pending.oldest.age", this, i -> i.oldestAge().toMillis() / 1000.0)
                .description("seconds the oldest pending ledger entry has waited for integration").baseUnit("seconds")
                .register(meters);
        Gauge.builder("tsunagi.ledger.integrator.active", this, i -> i.status.integrating() ? 1 : 0)
                .description("1 while this instance is the cluster's ledger integrator").register(meters);
    }

    /** An integrator outside the gateway's Spring context (benchmarks, tools); {@link #start()} and {@link #stop()} it. */
    public static LedgerIntegrator standalone(DisclosureLedger ledger, DataSource dataSource,
                                              LedgerProperties.Integration settings, MeterRegistry meters) {
        return new LedgerIntegrator(ledger, dataSource, settings, meters, Clock.systemUTC(), "ledger-integrator");
    }

    Status status() {
        return status;
    }

    /** How long the oldest pending entry has waited, as last seen; zero when none. */
    Duration oldestAge() {
        return status.oldestPending().map(o -> Duration.between(o, clock.instant())).filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
    }

    /** How long ago the backlog was last read. */
    Duration sinceSeen() {
        return Duration.between(status.seenAt(), clock.instant());
    }

    /** True while this instance holds the integrator role. */
    boolean integrating() {
        return status.integrating();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        ledger.onCommit(wake::release);
        Thread t = new Thread(this::run, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake.release();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops after the web server, the pipeline and the other lifecycles (all in higher phases), so that the entries
     * they wrote last are integrated before the database goes away.
     */
    @Override
    public int getPhase() {
        return -1000;
    }

    private void run() {
        Instant lastRefresh = Instant.EPOCH;
        while (running) {
            try {
                Optional<DisclosureLedger.Lane> lane = laneIfIntegrator();
                if (lane.isPresent()) {
                    drain(lane.get());
                }
                if (Duration.between(lastRefresh, clock.instant()).compareTo(BACKLOG_REFRESH) >= 0) {
                    refreshStatus(lane.isPresent());
                    lastRefresh = clock.instant();
                }
            } catch (RuntimeException e) {
                LOG.error("ledger integration failed; retrying in {}: {}", settings.takeoverCheck(), e.toString());
                release();
                pause(settings.takeoverCheck());
                continue;
            }
            pause(settings.interval());
        }
        // A last pass, so that a graceful stop leaves nothing behind that this instance could have integrated.
        try {
            Optional<DisclosureLedger.Lane> lane = laneIfIntegrator();
            if (lane.isPresent()) {
                drain(lane.get());
            }
        } catch (RuntimeException e) {
            LOG.warn("last ledger integration before stop failed: {}", e.toString());
        } finally {
            release();
            status = new Status(status.pendingEntries(), status.oldestPending(), clock.instant(), false);
        }
    }

    private void drain(DisclosureLedger.Lane lane) {
        List<LedgerStore.Pending> done;
        do {
            done = ledger.integrateBatch(lane, settings.batchSize(), !busy);
            busy = !done.isEmpty();
            Instant now = clock.instant();
            for (LedgerStore.Pending p : done) {
                delay.record(Duration.between(p.createdAt(), now).isNegative() ? Duration.ZERO
                        : Duration.between(p.createdAt(), now));
            }
        } while (done.size() == settings.batchSize() && running);
    }

    private void refreshStatus(boolean integrating) {
        LedgerStore.Backlog backlog = ledger.backlog();
        status = new Status(backlog.entries(), backlog.oldest(), clock.instant(), integrating);
    }

    private void pause(Duration duration) {
        try {
            if (wake.tryAcquire(duration.toMillis(), TimeUnit.MILLISECONDS)) {
                wake.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** The lane to integrate on if this instance is (or just became) the integrator; empty otherwise. */
    private Optional<DisclosureLedger.Lane> laneIfIntegrator() {
        if (postgres == null) {
            postgres = isPostgres();
            if (!postgres) {
                LOG.info("ledger integrator: embedded database (no advisory locks), this gateway integrates");
                takeovers.increment();
            }
        }
        if (!postgres) {
            return Optional.of(ledger.lane());
        }
        if (leaderLane != null) {
            return Optional.of(leaderLane);
        }
        long now = System.nanoTime();
        if (now - nextTakeoverAttempt < 0) {
            return Optional.empty();
        }
        nextTakeoverAttempt = now + settings.takeoverCheck().toNanos();
        tryTakeOver();
        return Optional.ofNullable(leaderLane);
    }

    private void tryTakeOver() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            boolean locked;
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
                locked = rs.next() && rs.getBoolean(1);
            }
            if (!locked) {
                discard(connection, false);
                return;
            }
            lockConnection = connection;
            SingleConnectionDataSource own = new SingleConnectionDataSource(connection, true);
            leaderLane = ledger.lane(new JdbcTemplate(own), new DataSourceTransactionManager(own));
            takeovers.increment();
            status = new Status(status.pendingEntries(), status.oldestPending(), clock.instant(), true);
            LOG.info("ledger integrator: this instance took the integrator role (advisory lock {})", LOCK_KEY);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("ledger integrator: cannot try the advisory lock: {}", e.toString());
            if (connection != null) {
                discard(connection, true);
            }
        }
    }

    /** Gives the role up: the connection that holds the lock is closed for good, never returned to the pool. */
    private void release() {
        if (lockConnection != null) {
            LOG.info("ledger integrator: this instance gives up the integrator role");
            discard(lockConnection, true);
        }
        lockConnection = null;
        leaderLane = null;
        status = new Status(status.pendingEntries(), status.oldestPending(), status.seenAt(), false);
    }

    private void discard(Connection connection, boolean mayHoldLock) {
        try {
            if (mayHoldLock) {
                try (Statement s = connection.createStatement()) {
                    s.execute("SELECT pg_advisory_unlock_all()");
                } catch (SQLException e) {
                    // A dead session holds no lock any more.
                }
            }
            if (mayHoldLock && dataSource instanceof HikariDataSource hikari) {
                hikari.evictConnection(connection);
            } else {
                connection.close();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("closing the integrator's connection: {}", e.toString());
        }
    }

    private boolean isPostgres() {
        try (Connection c = dataSource.getConnection()) {
            return "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell the ledger's database: " + e.getMessage(), e);
        }
    }
}
