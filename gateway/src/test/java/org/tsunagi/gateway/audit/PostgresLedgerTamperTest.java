package org.tsunagi.gateway.audit;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tsunagi.gateway.ledger.TestDatabases;

class PostgresLedgerTamperTest extends LedgerTamperContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("tsunagi-pg-tamper");
        registry.add("tsunagi.data-dir", dir::toString);
        String url = TestDatabases.postgresUrl();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    @Override
    void dropGuards() {
        for (String table : new String[] {"ledger_entry", "ledger_node", "ledger_checkpoint"}) {
            jdbc.execute("DROP TRIGGER IF EXISTS " + table + "_append_only ON " + table);
            jdbc.execute("DROP TRIGGER IF EXISTS " + table + "_no_truncate ON " + table);
        }
    }

    @Override
    void createGuards() {
        for (String table : new String[] {"ledger_entry", "ledger_node", "ledger_checkpoint"}) {
            jdbc.execute("CREATE TRIGGER " + table + "_append_only BEFORE UPDATE OR DELETE ON " + table
                    + " FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change()");
            jdbc.execute("CREATE TRIGGER " + table + "_no_truncate BEFORE TRUNCATE ON " + table
                    + " FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change()");
        }
    }

    @Override
    void truncateAsOwner(String table) {
        jdbc.execute("DROP TRIGGER IF EXISTS " + table + "_no_truncate ON " + table);
        jdbc.execute("TRUNCATE " + table);
    }

    @Override
    void truncateLedger() {
        jdbc.execute("TRUNCATE ledger_entry, ledger_node, ledger_checkpoint");
    }
}
