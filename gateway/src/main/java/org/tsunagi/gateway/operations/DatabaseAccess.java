package org.tsunagi.gateway.operations;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Health component {@code databaseAccess}: whether the gateway's own database connection (the runtime role) can
 * read every table of its schema. Spring's {@code db} component only proves a connection opens; a role missing its
 * grants would be UP while every request fails with "permission denied". DOWN names the tables it cannot read.
 */
final class DatabaseAccess extends AbstractHealthIndicator {

    private final DataSource dataSource;

    DatabaseAccess(DataSource dataSource) {
        super("database access check failed");
        this.dataSource = dataSource;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws SQLException {
        Map<String, String> refused = new LinkedHashMap<>();
        List<String> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), "%",
                    new String[] {"TABLE"})) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME");
                    if (!table.equalsIgnoreCase("flyway_schema_history")) {
                        tables.add(table);
                    }
                }
            }
            for (String table : tables) {
                try (Statement sql = connection.createStatement()) {
                    sql.execute("SELECT 1 FROM \"" + table.replace("\"", "\"\"") + "\" WHERE 1 = 0");
                } catch (SQLException e) {
                    refused.put(table, e.getSQLState() + " " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
        builder.status(tables.isEmpty() || !refused.isEmpty() ? "DOWN" : "UP")
                .withDetail("tables", tables.size());
        if (!refused.isEmpty()) {
            builder.withDetail("refused", refused);
        }
    }
}
