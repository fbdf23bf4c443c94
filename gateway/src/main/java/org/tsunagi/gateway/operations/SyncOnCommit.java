package org.tsunagi.gateway.operations;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The embedded H2 store forces its file to the disk after every commit: H2 writes a commit to the operating system
 * at once (WRITE_DELAY=0) but never fsyncs it, so a committed disclosure would survive {@code kill -9} and not a
 * power loss. {@code CHECKPOINT SYNC} after each {@code commit()} is H2's way to fsync (bench/h2-durability.sh:
 * one fsync per commit instead of none, about 1.4 times the commit time). Statements in auto-commit mode are not
 * synced one by one; everything the pipeline and the ledger write is in explicit transactions.
 *
 * <p>Commits that end while a sync is running share the next one ({@link Syncs}): {@code CHECKPOINT SYNC} writes
 * whatever the store has not written yet and fsyncs the one file, so a sync that starts after a commit returned
 * makes that commit durable, whichever connection runs it. {@code commit()} still returns only then.
 */
final class SyncOnCommit extends DelegatingDataSource {

    private final Syncs syncs = new Syncs();

    SyncOnCommit(DataSource h2) {
        super(h2);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return syncing(super.getConnection(), syncs);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return syncing(super.getConnection(username, password), syncs);
    }

    /** A connection whose {@code commit()} returns once the commit is on the disk, synced with {@code syncs}. */
    static Connection syncing(Connection connection, Syncs syncs) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(connection, method, args);
            if (method.getName().equals("commit") && method.getParameterCount() == 0) {
                syncs.afterCommit(connection);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(SyncOnCommit.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    private static Object invoke(Connection connection, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(connection, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Group commit for one H2 store: a committer waits for a sync that started after its commit returned, and runs
     * one itself (on its own connection) when none is running. Under load, one fsync serves every commit that ended
     * during the previous one, instead of one fsync each queued behind the others.
     */
    static final class Syncs {

        private long commits;
        private long synced;
        private boolean running;
        private long count;

        void afterCommit(Connection connection) throws SQLException {
            long mine;
            synchronized (this) {
                mine = ++commits;
            }
            while (true) {
                long upTo;
                synchronized (this) {
                    while (running && synced < mine) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new SQLException("interrupted while waiting for the commit to reach the disk", e);
                        }
                    }
                    if (synced >= mine) {
                        return;
                    }
                    running = true;
                    upTo = commits;
                }
                boolean done = false;
                try (Statement sync = connection.createStatement()) {
                    sync.execute("CHECKPOINT SYNC");
                    done = true;
                } finally {
                    synchronized (this) {
                        running = false;
                        if (done) {
                            synced = Math.max(synced, upTo);
                            count++;
                        }
                        notifyAll();
                    }
                }
            }
        }

        /** The commits seen so far. */
        synchronized long commits() {
            return commits;
        }

        /** The syncs run so far. */
        synchronized long count() {
            return count;
        }
    }
}
