-- Bearer-token ids already used, so that a token is accepted once across every gateway instance sharing the
-- database. Same table on PostgreSQL; documented in db/migration/postgresql/V11__token_replay.sql.
CREATE TABLE token_replay (
    issuer     VARCHAR(64)  NOT NULL,
    jti        VARCHAR(128) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (issuer, jti)
);
CREATE INDEX token_replay_expiry ON token_replay (expires_at);
