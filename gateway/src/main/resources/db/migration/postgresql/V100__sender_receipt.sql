-- The senders' receipts as the HTTPS API serves them (GET /api/v1/messages?kind=receipt): one row per decision,
-- inserted in the decision's transaction. The receipt's bytes stay in ingest_decision.receipt (the same signed CMS
-- that goes to the sender's SFTP outbox); only the API's id and the delivery state live here.
CREATE TABLE sender_receipt (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE, -- insertion order: the paging cursor
    receipt_id      UUID         NOT NULL PRIMARY KEY,          -- the id the sender sees in the API
    drop_key        CHAR(64)     NOT NULL UNIQUE REFERENCES ingest_decision (drop_key),
    participant_id  VARCHAR(64)  NOT NULL,                      -- the sender the receipt is sealed for
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,          -- when the decision (and its receipt) was made
    delivered_at    TIMESTAMP WITH TIME ZONE,                   -- first download over the API (state column)
    acknowledged_at TIMESTAMP WITH TIME ZONE,                   -- acknowledgement (state column); NULL = pending
    ack_receipt     TEXT                                        -- the sender's JWS kept as evidence, if it sent one
);
CREATE INDEX sender_receipt_pending ON sender_receipt (participant_id, seq) WHERE acknowledged_at IS NULL;

-- Receipts of decisions made before this table existed: listed too, so that none is lost to an HTTPS sender.
INSERT INTO sender_receipt (receipt_id, drop_key, participant_id, created_at)
SELECT gen_random_uuid(), drop_key, participant_id, decided_at FROM ingest_decision ORDER BY decided_at, drop_key;
