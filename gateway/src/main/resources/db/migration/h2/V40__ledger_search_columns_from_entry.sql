-- Search columns derived from the hashed entry: every column the audit API filters on is now computed by the database
-- from entry_json, the canonical bytes the leaf hash covers (a deterministic Java function reads the JSON: H2 has no
-- JSON path operator). An UPDATE of such a column is refused ("Generated column ... cannot be assigned"), and
-- changing entry_json changes what the leaf hash must be, which `tsunagi ledger verify` and the gateway's self-check
-- catch.
CREATE ALIAS ledger_entry_text DETERMINISTIC FOR 'org.tsunagi.gateway.ledger.EntryColumns.text';
CREATE ALIAS ledger_entry_time DETERMINISTIC FOR 'org.tsunagi.gateway.ledger.EntryColumns.time';

DROP INDEX ledger_entry_subject;
DROP INDEX ledger_entry_sender;
DROP INDEX ledger_entry_recipient;
DROP INDEX ledger_entry_time;
DROP INDEX ledger_entry_message;
ALTER TABLE ledger_entry DROP COLUMN event;
ALTER TABLE ledger_entry DROP COLUMN recorded_at;
ALTER TABLE ledger_entry DROP COLUMN message_id;
ALTER TABLE ledger_entry DROP COLUMN sender;
ALTER TABLE ledger_entry DROP COLUMN recipient;
ALTER TABLE ledger_entry DROP COLUMN purpose;
ALTER TABLE ledger_entry DROP COLUMN subject_ref;

ALTER TABLE ledger_entry ADD COLUMN event VARCHAR(16) GENERATED ALWAYS AS (ledger_entry_text(entry_json, 'event'));
ALTER TABLE ledger_entry ADD COLUMN recorded_at TIMESTAMP WITH TIME ZONE GENERATED ALWAYS AS (ledger_entry_time(entry_json));
ALTER TABLE ledger_entry ADD COLUMN message_id VARCHAR(512) GENERATED ALWAYS AS (ledger_entry_text(entry_json, 'messageId'));
ALTER TABLE ledger_entry ADD COLUMN sender VARCHAR(512) GENERATED ALWAYS AS (ledger_entry_text(entry_json, 'sender'));
ALTER TABLE ledger_entry ADD COLUMN recipient VARCHAR(512) GENERATED ALWAYS AS (ledger_entry_text(entry_json, 'recipient'));
ALTER TABLE ledger_entry ADD COLUMN purpose VARCHAR(512) GENERATED ALWAYS AS (ledger_entry_text(entry_json, 'purpose'));
ALTER TABLE ledger_entry ADD COLUMN subject_ref CHAR(64) GENERATED ALWAYS AS (ledger_entry_text(entry_json, 'subject'));

CREATE INDEX ledger_entry_subject ON ledger_entry (subject_ref, idx);
CREATE INDEX ledger_entry_sender ON ledger_entry (sender, idx);
CREATE INDEX ledger_entry_recipient ON ledger_entry (recipient, idx);
CREATE INDEX ledger_entry_purpose ON ledger_entry (purpose, idx);
CREATE INDEX ledger_entry_time ON ledger_entry (recorded_at);
CREATE INDEX ledger_entry_message ON ledger_entry (message_id);

-- H2's TRUNCATE TABLE skips row triggers. A table referenced by a foreign key cannot be truncated, so this empty
-- table's keys make TRUNCATE fail on every ledger table. It is a speed bump, not a guard: an owner can drop it or
-- SET REFERENTIAL_INTEGRITY FALSE. The gateway's self-check against its checkpoint file catches what gets past it.
CREATE TABLE ledger_truncate_guard (
    entry_idx        BIGINT REFERENCES ledger_entry (idx),
    node_lvl         SMALLINT,
    node_idx         BIGINT,
    checkpoint_size  BIGINT REFERENCES ledger_checkpoint (tree_size),
    FOREIGN KEY (node_lvl, node_idx) REFERENCES ledger_node (lvl, idx)
);
CREATE TRIGGER ledger_truncate_guard_append_only BEFORE INSERT, UPDATE, DELETE ON ledger_truncate_guard
    FOR EACH ROW CALL 'org.tsunagi.gateway.ledger.AppendOnlyTrigger';
