package org.tsunagi.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every commit on the embedded H2 store is followed by H2's fsync (CHECKPOINT SYNC), on the same connection. */
class SyncOnCommitTest {

    @TempDir
    Path dir;

    @Test
    void aCommitIsFollowedByCheckpointSyncAndTheDataIsThere() throws Exception {
        List<String> executed = new ArrayList<>();
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0";
        try (Connection real = DriverManager.getConnection(url, "sa", "");
             Connection synced = SyncOnCommit.syncing(recording(real, executed))) {
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
}
