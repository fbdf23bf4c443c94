package org.tsunagi.gateway.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * The H2 guard of the ledger tables (see db/migration/h2): refuses every UPDATE and DELETE, so that changing
 * history needs someone to drop the trigger first. PostgreSQL has the same guard in PL/pgSQL.
 */
public final class AppendOnlyTrigger implements Trigger {

    private String table;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) {
        this.table = tableName;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("ledger table " + table + " is append-only: " + (newRow == null ? "DELETE" : oldRow == null ? "INSERT" : "UPDATE")
                + " refused", "42501");
    }
}
