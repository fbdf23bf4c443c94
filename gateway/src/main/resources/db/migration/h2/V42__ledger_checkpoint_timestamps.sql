-- RFC 3161 timestamps of checkpoints (tsunagi.ledger.timestamping.urls): the TSA's DER TimeStampResp over the
-- SHA-256 of the checkpoint's signed note. Append-only like every ledger table.
CREATE TABLE ledger_checkpoint_timestamp (
    tree_size   BIGINT NOT NULL,
    tsa_url     VARCHAR(2048) NOT NULL,
    response    VARBINARY(65536) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tree_size, tsa_url)
);
CREATE TRIGGER ledger_checkpoint_timestamp_append_only BEFORE UPDATE, DELETE ON ledger_checkpoint_timestamp
    FOR EACH ROW CALL 'org.tsunagi.gateway.ledger.AppendOnlyTrigger';
