package org.tsunagi.gateway.ledger;

import javax.sql.DataSource;

class H2LedgerStoreTest extends LedgerStoreContract {

    @Override
    DataSource dataSource() {
        return TestDatabases.h2();
    }

    @Override
    boolean guardsTruncate() {
        return false; // H2 has no TRUNCATE triggers; see docs/ledger-database-roles.md
    }
}
