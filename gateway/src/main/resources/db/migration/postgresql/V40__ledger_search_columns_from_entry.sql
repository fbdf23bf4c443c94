-- Search columns derived from the hashed entry: every column the audit API filters on is now computed by the database
-- from entry_json, the canonical bytes the leaf hash covers. An UPDATE of such a column is refused ("can only be
-- updated to DEFAULT"), and changing entry_json changes what the leaf hash must be, which `tsunagi ledger verify`
-- and the gateway's self-check catch. Generated columns are recomputed on rewrite, so existing rows keep their values.

-- The entry's "time" is always UTC ISO-8601 with 'Z' (LedgerEntry), so its conversion does not depend on the
-- session's TimeZone or DateStyle: declaring the wrapper IMMUTABLE (as generated columns need) is truthful.
CREATE FUNCTION ledger_entry_time(entry TEXT) RETURNS TIMESTAMP WITH TIME ZONE LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (entry::jsonb ->> 'time')::timestamptz $$;

ALTER TABLE ledger_entry DROP COLUMN event;
ALTER TABLE ledger_entry DROP COLUMN recorded_at;
ALTER TABLE ledger_entry DROP COLUMN message_id;
ALTER TABLE ledger_entry DROP COLUMN sender;
ALTER TABLE ledger_entry DROP COLUMN recipient;
ALTER TABLE ledger_entry DROP COLUMN purpose;
ALTER TABLE ledger_entry DROP COLUMN subject_ref;

ALTER TABLE ledger_entry
    ADD COLUMN event VARCHAR(16) GENERATED ALWAYS AS (entry_json::jsonb ->> 'event') STORED,
    ADD COLUMN recorded_at TIMESTAMP WITH TIME ZONE GENERATED ALWAYS AS (ledger_entry_time(entry_json)) STORED,
    ADD COLUMN message_id VARCHAR(512) GENERATED ALWAYS AS (entry_json::jsonb ->> 'messageId') STORED,
    ADD COLUMN sender VARCHAR(512) GENERATED ALWAYS AS (entry_json::jsonb ->> 'sender') STORED,
    ADD COLUMN recipient VARCHAR(512) GENERATED ALWAYS AS (entry_json::jsonb ->> 'recipient') STORED,
    ADD COLUMN purpose VARCHAR(512) GENERATED ALWAYS AS (entry_json::jsonb ->> 'purpose') STORED,
    ADD COLUMN subject_ref CHAR(64) GENERATED ALWAYS AS (entry_json::jsonb ->> 'subject') STORED;

CREATE INDEX ledger_entry_subject ON ledger_entry (subject_ref, idx);
CREATE INDEX ledger_entry_sender ON ledger_entry (sender, idx);
CREATE INDEX ledger_entry_recipient ON ledger_entry (recipient, idx);
CREATE INDEX ledger_entry_purpose ON ledger_entry (purpose, idx);
CREATE INDEX ledger_entry_time ON ledger_entry (recorded_at);
CREATE INDEX ledger_entry_message ON ledger_entry (message_id);
