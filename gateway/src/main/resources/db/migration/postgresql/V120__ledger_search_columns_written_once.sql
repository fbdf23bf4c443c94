-- The search columns of ledger_entry become plain columns that the integrator writes once, from the entry it stores
-- (README "The disclosure ledger"). As generated columns (V40, V41) PostgreSQL parsed entry_json::jsonb eight times
-- per row: the largest part of the integrator's per-entry cost (bench/README.md, ledger-postgres.sh). What keeps them
-- honest now: UPDATE stays refused by the append-only trigger (V1), and `tsunagi ledger verify` compares every
-- entry's columns with its hashed JSON (the audit API lists them next to each entry), so a column edited behind the
-- gateway's back is reported at its index. DROP EXPRESSION keeps the stored values and rewrites nothing.
ALTER TABLE ledger_entry
    ALTER COLUMN event DROP EXPRESSION,
    ALTER COLUMN recorded_at DROP EXPRESSION,
    ALTER COLUMN message_id DROP EXPRESSION,
    ALTER COLUMN sender DROP EXPRESSION,
    ALTER COLUMN recipient DROP EXPRESSION,
    ALTER COLUMN purpose DROP EXPRESSION,
    ALTER COLUMN subject_ref DROP EXPRESSION,
    ALTER COLUMN copy_id DROP EXPRESSION;
-- ledger_entry_time(TEXT) stays: PostgreSQL 14 keeps the column's dependency on it after DROP EXPRESSION, and
-- dropping the function would drop recorded_at and its index with it.

-- No statement searches ledger_entry by message id (the audit API filters by subject, parties, purpose, event and
-- time; copy proofs by copy id): one index fewer to update per entry.
DROP INDEX ledger_entry_message;
-- Entries are integrated in the order they were written, so their times follow the index: a BRIN index answers the
-- audit API's time ranges at a fraction of a B-tree's upkeep per entry.
DROP INDEX ledger_entry_time;
CREATE INDEX ledger_entry_time ON ledger_entry USING brin (recorded_at);
