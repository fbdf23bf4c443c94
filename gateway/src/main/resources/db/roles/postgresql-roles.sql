-- Least-privilege PostgreSQL roles for the Tsunagi ledger (docs/ledger-database-roles.md explains each grant).
-- Run ONCE by a database administrator, after the owner has run the Flyway migrations; not applied by Flyway,
-- because creating roles needs rights the gateway must never hold. Replace the passwords (or use certificates).

CREATE ROLE tsunagi_owner NOLOGIN;                        -- owns the schema; Flyway connects as a member of it
CREATE ROLE tsunagi_migrator LOGIN PASSWORD 'change-me' IN ROLE tsunagi_owner;
CREATE ROLE tsunagi_pipeline LOGIN PASSWORD 'change-me';  -- the gateway instances: append and prove
CREATE ROLE tsunagi_web LOGIN PASSWORD 'change-me';       -- a separate web tier, if one is split off
CREATE ROLE tsunagi_audit_reader LOGIN PASSWORD 'change-me';  -- offline auditors reading the raw tables

REVOKE ALL ON ledger_lock, ledger_entry, ledger_node, ledger_checkpoint FROM PUBLIC;

-- The pipeline appends: INSERT and SELECT only. UPDATE on ledger_lock is granted solely because PostgreSQL
-- requires it for SELECT ... FOR UPDATE (the row lock that serialises appends); the trigger still refuses any
-- actual UPDATE of that row. No DELETE, no TRUNCATE anywhere.
GRANT SELECT, INSERT ON ledger_entry, ledger_node, ledger_checkpoint TO tsunagi_pipeline;
GRANT SELECT, UPDATE ON ledger_lock TO tsunagi_pipeline;

-- The web tier serves checkpoints and proofs: it reads tree nodes and checkpoints, never entry payloads in bulk
-- and never writes. Entry columns that auditors filter on are readable only through the pipeline role.
GRANT SELECT ON ledger_node, ledger_checkpoint TO tsunagi_web;

-- Offline auditors may read everything and write nothing.
GRANT SELECT ON ledger_entry, ledger_node, ledger_checkpoint TO tsunagi_audit_reader;
