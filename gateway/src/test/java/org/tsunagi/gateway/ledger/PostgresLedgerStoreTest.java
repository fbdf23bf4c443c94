package org.tsunagi.gateway.ledger;

import javax.sql.DataSource;

class PostgresLedgerStoreTest extends LedgerStoreContract {

    @Override
    DataSource dataSource() {
        return TestDatabases.postgres();
    }

    @Override
    boolean guardsTruncate() {
        return true;
    }
}
