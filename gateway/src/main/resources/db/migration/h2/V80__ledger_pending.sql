-- The sequenced ledger (README "The disclosure ledger"): writers INSERT their entries here, unsequenced, durable at
-- their commit and without any global lock; the integrator moves them in id order, in batches, into ledger_entry
-- with gap-free indices and the tree nodes, and deletes them from here in the same transaction.
-- Not append-only on purpose: rows leave this table when they are integrated; no UPDATE path exists.
CREATE TABLE ledger_pending (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    leaf_hash   VARBINARY(32) NOT NULL,
    entry_json  VARCHAR(1000000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TRIGGER ledger_pending_no_update BEFORE UPDATE ON ledger_pending
    FOR EACH ROW CALL 'org.tsunagi.gateway.ledger.AppendOnlyTrigger';
