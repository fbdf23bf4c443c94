-- The senders' receipts as the HTTPS API serves them (H2). Same table as db/migration/postgresql/V100__sender_receipt.sql,
-- where every column is documented.
CREATE TABLE sender_receipt (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    receipt_id      UUID         NOT NULL PRIMARY KEY,
    drop_key        CHAR(64)     NOT NULL UNIQUE REFERENCES ingest_decision (drop_key),
    participant_id  VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at    TIMESTAMP WITH TIME ZONE,
    acknowledged_at TIMESTAMP WITH TIME ZONE,
    ack_receipt     CHARACTER LARGE OBJECT
);
CREATE INDEX sender_receipt_pending ON sender_receipt (participant_id, acknowledged_at, seq);

INSERT INTO sender_receipt (receipt_id, drop_key, participant_id, created_at)
SELECT RANDOM_UUID(), drop_key, participant_id, decided_at FROM ingest_decision ORDER BY decided_at, drop_key;
