-- What the pipeline decided about each file it took from an inbox, and the messages it accepted. Written in the
-- same transaction as the outbox rows and ledger entries; this is what makes processing exactly-once across
-- crashes and gateway instances.

-- One row per drop (participant + file name + content digest): the decision, and the receipt to give the sender.
-- A drop found again after a crash is only finished (receipt, SFTP copies, move), never processed a second time.
CREATE TABLE ingest_decision (
    drop_key        CHAR(64)     NOT NULL PRIMARY KEY,  -- SHA-256 of participant, file name and content digest
    participant_id  VARCHAR(64)  NOT NULL,              -- whose inbox the file was in
    file_name       VARCHAR(255) NOT NULL,              -- its name there
    content_sha256  CHAR(64)     NOT NULL,              -- SHA-256 of the sealed file
    verdict         VARCHAR(16)  NOT NULL CHECK (verdict IN ('ACCEPTED', 'REFUSED')),
    reason_code     VARCHAR(64),                        -- REFUSED: the stable reason code
    message_id      VARCHAR(64),                        -- Header/MessageId when it could be read
    message_type    VARCHAR(64),                        -- Header/MessageType when it could be read
    receipt_name    VARCHAR(128) NOT NULL,              -- the receipt's file name in the sender's outbox
    receipt         BYTEA        NOT NULL,              -- the sealed receipt (CMS, DER)
    decided_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every accepted MessageId: a second message with the same id is a replay and is refused (the primary key makes
-- that hold even for two gateway instances racing on two files).
CREATE TABLE accepted_message (
    message_id      UUID         NOT NULL PRIMARY KEY,
    sender_id       VARCHAR(64)  NOT NULL,
    message_type    VARCHAR(64)  NOT NULL,
    drop_key        CHAR(64)     NOT NULL REFERENCES ingest_decision (drop_key),
    accepted_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Accepted information requests: an InformationResponse goes back only to the requester, only with these items.
CREATE TABLE information_request (
    request_id      UUID          NOT NULL PRIMARY KEY REFERENCES accepted_message (message_id),
    requester_id    VARCHAR(64)   NOT NULL,             -- the local government that asked
    addressee_id    VARCHAR(64)   NOT NULL,             -- the facility or probation office asked
    requested_items VARCHAR(8000) NOT NULL              -- the field paths asked for, one per line
);

-- Copies for recipients that take delivery over SFTP: written to their outbox/ after commit, from the outbox row.
CREATE TABLE sftp_delivery (
    copy_id         UUID         NOT NULL PRIMARY KEY,  -- outbox_copy.copy_id
    drop_key        CHAR(64)     NOT NULL REFERENCES ingest_decision (drop_key),
    recipient_id    VARCHAR(64)  NOT NULL,
    written_at      TIMESTAMP WITH TIME ZONE             -- when the file was written (NULL: still to write)
);
CREATE INDEX sftp_delivery_drop ON sftp_delivery (drop_key);
