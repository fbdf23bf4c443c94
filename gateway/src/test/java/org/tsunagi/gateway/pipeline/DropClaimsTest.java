package org.tsunagi.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tsunagi.gateway.ledger.TestDatabases;

/** Claims on drops, on H2 and on PostgreSQL: one owner at a time, leases, back-off, attempts, abandoned drops. */
class DropClaimsTest {

    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(60);
    static final String HOST = "gateway-host";

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2", TestDatabases.h2()), Arguments.of("PostgreSQL", TestDatabases.postgres()));
    }

    static DropClaims instance(DataSource db, String name) {
        return new DropClaims(JdbcClient.create(db), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void ofManyInstancesRacingForOneDropExactlyOneWins(String vendor, DataSource db) throws Exception {
        int racers = 8;
        CyclicBarrier start = new CyclicBarrier(racers);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<Optional<DropClaims.Claim>>> results = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            DropClaims claims = instance(db, "host-" + i + "/1/run");
            Callable<Optional<DropClaims.Claim>> race = () -> {
                start.await();
                return claims.claim("take-race", "facility-nagoya", NOW, NOW.plus(LEASE));
            };
            results.add(pool.submit(race));
        }
        int won = 0;
        for (Future<Optional<DropClaims.Claim>> result : results) {
            won += result.get().isPresent() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(won).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aClaimHoldsUntilItsLeaseRunsOutThenAnotherInstanceTakesTheDropOver(String vendor, DataSource db) {
        DropClaims first = instance(db, "host-a/1/run");
        DropClaims second = instance(db, "host-b/2/run");

        assertThat(first.claim("take-lease", "231002", NOW, NOW.plus(LEASE))).hasValueSatisfying(c -> {
            assertThat(c.attempts()).isEqualTo(1);
            assertThat(c.takeover()).isFalse();
        });
        assertThat(second.claim("take-lease", "231002", NOW.plusSeconds(59), NOW.plusSeconds(119))).isEmpty();
        assertThat(second.claim("take-lease", "231002", NOW.plusSeconds(61), NOW.plusSeconds(121)))
                .hasValueSatisfying(c -> {
                    assertThat(c.attempts()).as("the dead attempt counts").isEqualTo(2);
                    assertThat(c.takeover()).isTrue();
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aReleasedDropWaitsOutItsBackOffAndCountsItsAttempts(String vendor, DataSource db) {
        DropClaims claims = instance(db, "host-a/1/run");
        claims.claim("take-backoff", "231002", NOW, NOW.plus(LEASE));

        claims.release("take-backoff", NOW.plusSeconds(4), "commit", new IllegalStateException("database down"));

        assertThat(claims.claim("take-backoff", "231002", NOW.plusSeconds(3), NOW.plus(LEASE))).isEmpty();
        assertThat(claims.claim("take-backoff", "231002", NOW.plusSeconds(4), NOW.plus(LEASE)))
                .hasValueSatisfying(c -> assertThat(c.attempts()).isEqualTo(2));
        assertThat(JdbcClient.create(db).sql("SELECT last_step || ' ' || last_failure FROM drop_claim "
                + "WHERE take_id = 'take-backoff'").query(String.class).single())
                .isEqualTo("commit java.lang.IllegalStateException");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anAbandonedDropIsNeverClaimedAgainAndAFinishedOneLeavesNoRow(String vendor, DataSource db) {
        DropClaims claims = instance(db, "host-a/1/run");
        claims.claim("take-abandoned", "231002", NOW, NOW.plus(LEASE));
        claims.abandon("take-abandoned", NOW);
        claims.claim("take-done", "231002", NOW, NOW.plus(LEASE));
        claims.done("take-done");

        assertThat(claims.claim("take-abandoned", "231002", NOW.plusSeconds(3600), NOW.plusSeconds(3660)))
                .isEmpty();
        assertThat(JdbcClient.create(db).sql("SELECT COUNT(*) FROM drop_claim WHERE take_id = 'take-done'")
                .query(Long.class).single()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRestartedGatewayTakesOverItsKilledPredecessorsDropsAtOnce(String vendor, DataSource db) {
        long me = ProcessHandle.current().pid();
        DropClaims killed = instance(db, HOST + "/" + me + "/before");
        DropClaims restarted = instance(db, HOST + "/" + me + "/after");
        killed.claim("take-killed", "231002", NOW, NOW.plus(LEASE));

        assertThat(restarted.claim("take-killed", "231002", NOW.plusSeconds(1), NOW.plus(LEASE)))
                .hasValueSatisfying(c -> assertThat(c.takeover()).isTrue());
        assertThat(restarted.deadOnThisHost("another-host/" + me + "/before")).isFalse();
        assertThat(restarted.deadOnThisHost(HOST + "/" + me + "/after")).isFalse();
    }
}
