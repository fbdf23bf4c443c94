package org.tsunagi.gateway.audit;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class H2LedgerTamperTest extends LedgerTamperContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("tsunagi-h2-tamper");
        registry.add("tsunagi.data-dir", dir::toString);
    }

    @Override
    void dropGuards() {
        for (String table : new String[] {"ledger_entry", "ledger_node", "ledger_checkpoint"}) {
            jdbc.execute("DROP TRIGGER IF EXISTS " + table + "_append_only");
        }
    }

    @Override
    void createGuards() {
        for (String table : new String[] {"ledger_entry", "ledger_node", "ledger_checkpoint"}) {
            jdbc.execute("CREATE TRIGGER " + table + "_append_only BEFORE UPDATE, DELETE ON " + table
                    + " FOR EACH ROW CALL 'org.tsunagi.gateway.ledger.AppendOnlyTrigger'");
        }
    }

    @Override
    void truncateLedger() {
        for (String table : new String[] {"ledger_entry", "ledger_node", "ledger_checkpoint"}) {
            truncateAsOwner(table);
        }
    }

    /** H2 skips row triggers on TRUNCATE; the foreign-key guard (V40) goes with referential integrity off. */
    @Override
    void truncateAsOwner(String table) {
        jdbc.execute("SET REFERENTIAL_INTEGRITY FALSE");
        try {
            jdbc.execute("TRUNCATE TABLE " + table);
        } finally {
            jdbc.execute("SET REFERENTIAL_INTEGRITY TRUE");
        }
    }
}
