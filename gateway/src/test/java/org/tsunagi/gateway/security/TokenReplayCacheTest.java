package org.tsunagi.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tsunagi.gateway.ledger.TestDatabases;

/** The replay cache on H2 and PostgreSQL: a token id is accepted once, also among concurrent batched requests. */
class TokenReplayCacheTest {

    static Stream<String> databases() {
        return Stream.of("h2", "postgresql");
    }

    private static DataSource database(String vendor) {
        return vendor.equals("h2") ? TestDatabases.h2() : TestDatabases.postgres();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void acceptsATokenIdOncePerIssuer(String vendor) {
        DataSource db = database(vendor);
        TokenReplayCache cache = new TokenReplayCache(db);
        Instant now = Instant.now();
        Instant until = now.plus(5, ChronoUnit.MINUTES);

        assertThat(cache.firstUse("231002", "jti-1", until, now)).isTrue();
        assertThat(cache.firstUse("231002", "jti-1", until, now)).as("replayed").isFalse();
        assertThat(cache.firstUse("252018", "jti-1", until, now)).as("another issuer's id").isTrue();
        // Another instance (its own cache on the same database) refuses it too.
        assertThat(new TokenReplayCache(db).firstUse("231002", "jti-1", until, now)).isFalse();
        assertThat(JdbcClient.create(db).sql("SELECT COUNT(*) FROM token_replay").query(Long.class).single())
                .isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void concurrentRequestsShareBatchesAndExactlyOneWinsEachId(String vendor) throws Exception {
        DataSource db = database(vendor);
        TokenReplayCache one = new TokenReplayCache(db);
        TokenReplayCache other = new TokenReplayCache(db);
        Instant now = Instant.now();
        Instant until = now.plus(5, ChronoUnit.MINUTES);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> replays = new ArrayList<>();
            List<Future<Boolean>> distinct = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                TokenReplayCache cache = i % 2 == 0 ? one : other;
                String id = "id-" + i;
                replays.add(pool.submit((Callable<Boolean>) () -> cache.firstUse("231002", "same", until, now)));
                distinct.add(pool.submit((Callable<Boolean>) () -> cache.firstUse("231002", id, until, now)));
            }
            long replayWins = 0;
            for (Future<Boolean> f : replays) {
                replayWins += f.get() ? 1 : 0;
            }
            for (Future<Boolean> f : distinct) {
                assertThat(f.get()).isTrue();
            }
            assertThat(replayWins).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(JdbcClient.create(db).sql("SELECT COUNT(*) FROM token_replay").query(Long.class).single())
                .isEqualTo(201);
    }
}
