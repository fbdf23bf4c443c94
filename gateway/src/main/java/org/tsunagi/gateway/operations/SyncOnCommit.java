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
 */
final class SyncOnCommit extends DelegatingDataSource {

    SyncOnCommit(DataSource h2) {
        super(h2);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return syncing(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return syncing(super.getConnection(username, password));
    }

    static Connection syncing(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(connection, method, args);
            if (method.getName().equals("commit") && method.getParameterCount() == 0) {
                try (Statement sync = connection.createStatement()) {
                    sync.execute("CHECKPOINT SYNC");
                }
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
}
