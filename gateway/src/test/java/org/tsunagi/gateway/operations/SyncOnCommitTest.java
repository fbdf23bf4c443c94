package org.tsunagi.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every commit on the embedded H2 store returns only after an H2 fsync (CHECKPOINT SYNC) that started after it: on
 * its own connection when it is alone; commits that end while a sync runs share the next one.
 */
class SyncOnCommitTest {

    @TempDir
    Path dir;

    @Test
    void aCommitIsFollowedByCheckpointSyncAndTheDataIsThere() throws Exception {
        List<String> executed = new ArrayList<>();
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0";
        try (Connection real = DriverManager.getConnection(url, "sa", "");
             Connection synced = SyncOnCommit.syncing(recording(real, executed),
                     new SyncOnCommit.Syncs())) {
            try (Statement sql = synced.createStatement()) {
                sql.execute("CREATE TABLE t (id INT)");
            }
            synced.setAutoCommit(false);
            try (Statement sql = synced.createStatement()) {
                sql.execute("INSERT INTO t VALUES (1)");
            }
            assertThat(executed).doesNotContain("CHECKPOINT SYNC");
            synced.commit();
            assertThat(executed).containsExactly("CREATE TABLE t (id INT)", "INSERT INTO t VALUES (1)",
                    "commit", "CHECKPOINT SYNC");
            synced.rollback();
            assertThat(executed).endsWith("rollback");
        }
        try (Connection reopened = DriverManager.getConnection(url, "sa", "");
             var rows = reopened.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void concurrentCommitsEachReturnAfterASyncThatStartedAfterThem() throws Exception {
        int threads = 8;
        int commitsEach = 20;
        String url = databaseWithTable("group");
        SyncOnCommit.Syncs syncs = new SyncOnCommit.Syncs();
        Timeline timeline = new Timeline();
        List<long[]> commits = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                try (Connection real = DriverManager.getConnection(url, "sa", "");
                     Connection synced = SyncOnCommit.syncing(timeline.timing(real), syncs)) {
                    synced.setAutoCommit(false);
                    start.await();
                    for (int i = 0; i < commitsEach; i++) {
                        try (Statement sql = synced.createStatement()) {
                            sql.execute("INSERT INTO t VALUES (" + (thread * 1000 + i) + ")");
                        }
                        synced.commit();
                        commits.add(new long[] {timeline.commitEnd.get(), timeline.clock.incrementAndGet()});
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(commits).hasSize(threads * commitsEach);
        for (long[] commit : commits) {
            assertThat(timeline.syncs).as("a sync started after the commit (%d) and ended before it returned (%d)",
                    commit[0], commit[1]).anyMatch(sync -> sync[0] > commit[0] && sync[1] < commit[1]);
        }
        assertThat(syncs.count()).isEqualTo(timeline.syncs.size()).isBetween(1L, (long) threads * commitsEach);
        try (Connection reopened = DriverManager.getConnection(url, "sa", "");
             var rows = reopened.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(threads * commitsEach);
        }
    }

    @Test
    void commitsThatEndDuringASyncShareTheNextOne() throws Exception {
        String url = databaseWithTable("shared");
        SyncOnCommit.Syncs syncs = new SyncOnCommit.Syncs();
        Timeline timeline = new Timeline();
        CountDownLatch firstSyncStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstSync = new CountDownLatch(1);
        timeline.beforeSync = () -> {
            if (firstSyncStarted.getCount() > 0) {
                firstSyncStarted.countDown();
                releaseFirstSync.await(1, TimeUnit.MINUTES);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int id = t;
            done.add(pool.submit(() -> {
                try (Connection real = DriverManager.getConnection(url, "sa", "");
                     Connection synced = SyncOnCommit.syncing(timeline.timing(real), syncs)) {
                    synced.setAutoCommit(false);
                    if (id > 0) {
                        firstSyncStarted.await(1, TimeUnit.MINUTES);
                    }
                    try (Statement sql = synced.createStatement()) {
                        sql.execute("INSERT INTO t VALUES (" + id + ")");
                    }
                    synced.commit();
                }
                return null;
            }));
            if (t == 0) {
                assertThat(firstSyncStarted.await(1, TimeUnit.MINUTES)).isTrue();
            }
        }
        // Both later commits are in and waiting while the first sync is held: one sync after it serves both.
        while (syncs.commits() < 3) {
            Thread.sleep(5);
        }
        releaseFirstSync.countDown();
        for (Future<?> f : done) {
            f.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(syncs.count()).isEqualTo(2);
        assertThat(timeline.syncs).hasSize(2);
    }

    /** Stamps (on one counter) the end of each real commit and the start and end of each CHECKPOINT SYNC. */
    private static final class Timeline {
        final AtomicLong clock = new AtomicLong();
        final ThreadLocal<Long> commitEnd = ThreadLocal.withInitial(() -> 0L);
        final List<long[]> syncs = Collections.synchronizedList(new ArrayList<>());
        volatile Step beforeSync = () -> { };

        interface Step {
            void run() throws Exception;
        }

        Connection timing(Connection real) {
            return (Connection) Proxy.newProxyInstance(SyncOnCommitTest.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        Object result = method.invoke(real, args);
                        if (method.getName().equals("commit")) {
                            commitEnd.set(clock.incrementAndGet());
                        }
                        if (result instanceof Statement statement) {
                            return Proxy.newProxyInstance(SyncOnCommitTest.class.getClassLoader(),
                                    new Class<?>[] {Statement.class}, (p, m, a) -> {
                                        if (m.getName().equals("execute") && "CHECKPOINT SYNC".equals(a[0])) {
                                            beforeSync.run();
                                            long started = clock.incrementAndGet();
                                            Object r = m.invoke(statement, a);
                                            syncs.add(new long[] {started, clock.incrementAndGet()});
                                            return r;
                                        }
                                        return m.invoke(statement, a);
                                    });
                        }
                        return result;
                    });
        }
    }

    /** The real connection, noting commits, rollbacks and each statement's SQL in order. */
    static Connection recording(Connection real, List<String> executed) {
        return (Connection) Proxy.newProxyInstance(SyncOnCommitTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("commit") || method.getName().equals("rollback")) {
                        executed.add(method.getName());
                    }
                    Object result = method.invoke(real, args);
                    if (result instanceof Statement statement) {
                        return Proxy.newProxyInstance(SyncOnCommitTest.class.getClassLoader(),
                                new Class<?>[] {Statement.class}, (p, m, a) -> {
                                    if (m.getName().equals("execute")) {
                                        executed.add((String) a[0]);
                                    }
                                    return m.invoke(statement, a);
                                });
                    }
                    return result;
                });
    }

    /** A fresh H2 file database, opened as the gateway opens it, with one empty table {@code t}. */
    private String databaseWithTable(String name) throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve(name) + ";WRITE_DELAY=0";
        try (Connection setup = DriverManager.getConnection(url, "sa", "");
             Statement sql = setup.createStatement()) {
            sql.execute("CREATE TABLE t (id INT PRIMARY KEY)");
        }
        return url;
    }
}
