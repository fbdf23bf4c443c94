-- The disclosure ledger (see README "The disclosure ledger"). Every table here is append-only: the triggers
-- below refuse UPDATE and DELETE; the code has no update or delete path.

-- One immutable row whose row lock serialises appends across gateway instances (SELECT ... FOR UPDATE).
CREATE TABLE ledger_lock (
    id INT PRIMARY KEY CHECK (id = 1)
);
INSERT INTO ledger_lock (id) VALUES (1);

CREATE TABLE ledger_entry (
    idx          BIGINT PRIMARY KEY CHECK (idx >= 0),
    leaf_hash    VARBINARY(32) NOT NULL,
    entry_json   VARCHAR(1000000) NOT NULL,
    event        VARCHAR(16) NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    message_id   VARCHAR(512),
    sender       VARCHAR(512),
    recipient    VARCHAR(512),
    purpose      VARCHAR(512),
    subject_ref  CHAR(64)
);
CREATE INDEX ledger_entry_subject ON ledger_entry (subject_ref, idx);
CREATE INDEX ledger_entry_sender ON ledger_entry (sender, idx);
CREATE INDEX ledger_entry_recipient ON ledger_entry (recipient, idx);
CREATE INDEX ledger_entry_time ON ledger_entry (recorded_at);
CREATE INDEX ledger_entry_message ON ledger_entry (message_id);

-- Perfect subtrees of the RFC 9162 tree: node (lvl, idx) covers leaves [idx * 2^lvl, (idx + 1) * 2^lvl).
CREATE TABLE ledger_node (
    lvl   SMALLINT NOT NULL,
    idx   BIGINT NOT NULL,
    hash  VARBINARY(32) NOT NULL,
    PRIMARY KEY (lvl, idx)
);

CREATE TABLE ledger_checkpoint (
    tree_size   BIGINT PRIMARY KEY,
    root_hash   VARBINARY(32) NOT NULL,
    note        VARCHAR(65536) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TRIGGER ledger_lock_append_only BEFORE UPDATE, DELETE ON ledger_lock
    FOR EACH ROW CALL 'org.tsunagi.gateway.ledger.AppendOnlyTrigger';
CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE, DELETE ON ledger_entry
    FOR EACH ROW CALL 'org.tsunagi.gateway.ledger.AppendOnlyTrigger';
CREATE TRIGGER ledger_node_append_only BEFORE UPDATE, DELETE ON ledger_node
    FOR EACH ROW CALL 'org.tsunagi.gateway.ledger.AppendOnlyTrigger';
CREATE TRIGGER ledger_checkpoint_append_only BEFORE UPDATE, DELETE ON ledger_checkpoint
    FOR EACH ROW CALL 'org.tsunagi.gateway.ledger.AppendOnlyTrigger';
