-- Bearer-token ids already used, so that a token is accepted once across every gateway instance sharing the
-- database. A row is inserted when a token passes every other check; a second insert of the same (issuer, jti)
-- fails on the primary key, and the token is refused as replayed. Rows past expires_at (the token's exp plus the
-- allowed clock skew) can no longer match a valid token and are purged.
CREATE TABLE token_replay (
    issuer     VARCHAR(64)  NOT NULL,           -- the token's iss: a participant id
    jti        VARCHAR(128) NOT NULL,           -- the token's jti
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (issuer, jti)
);
CREATE INDEX token_replay_expiry ON token_replay (expires_at);
