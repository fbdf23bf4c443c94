-- The sequenced ledger (README "The disclosure ledger"): writers (the pipeline's transaction, downloads,
-- acknowledgements, audit queries) INSERT their entries here, unsequenced, durable at their commit and without any
-- global lock. One integrator per cluster (PostgreSQL advisory lock) moves them in id order, in batches, into
-- ledger_entry with gap-free indices and the tree nodes, and deletes them from here in the same transaction.
-- Not append-only on purpose: rows leave this table when they are integrated; no UPDATE path exists.
CREATE TABLE ledger_pending (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    leaf_hash   BYTEA NOT NULL CHECK (length(leaf_hash) = 32),
    entry_json  TEXT NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TRIGGER ledger_pending_no_update BEFORE UPDATE ON ledger_pending
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_pending_no_truncate BEFORE TRUNCATE ON ledger_pending
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
