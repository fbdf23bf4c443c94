-- The outbox (H2, the embedded default). Same tables as db/migration/postgresql/V10__outbox.sql, where every
-- column is documented; H2 has no PL/pgSQL, so the immutability guard there is enforced here by the code alone
-- (Outbox has no UPDATE but of the state columns, and no DELETE).
CREATE TABLE outbox_copy (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    copy_id         UUID         NOT NULL PRIMARY KEY,
    message_id      UUID         NOT NULL,
    sender_id       VARCHAR(64)  NOT NULL,
    recipient_id    VARCHAR(64)  NOT NULL,
    message_type    VARCHAR(64)  NOT NULL,
    purpose         VARCHAR(64)  NOT NULL,
    legal_basis     VARCHAR(512) NOT NULL,
    subject_ref     VARCHAR(128),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    cms             BINARY LARGE OBJECT NOT NULL,
    cms_sha256      CHAR(64)     NOT NULL,
    jose            CHARACTER LARGE OBJECT NOT NULL,
    jose_sha256     CHAR(64)     NOT NULL,
    delivered_at    TIMESTAMP WITH TIME ZONE,
    acknowledged_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT outbox_copy_one_per_recipient UNIQUE (message_id, recipient_id)
);
CREATE INDEX outbox_copy_pending ON outbox_copy (recipient_id, acknowledged_at, seq);

CREATE TABLE outbox_event (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    copy_id      UUID        NOT NULL REFERENCES outbox_copy (copy_id),
    kind         VARCHAR(16) NOT NULL CHECK (kind IN ('DELIVERED', 'ACKNOWLEDGED')),
    participant  VARCHAR(64) NOT NULL,
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    format       VARCHAR(32) CHECK (format IN ('application/pkcs7-mime', 'application/jose')),
    receipt      CHARACTER LARGE OBJECT
);
CREATE INDEX outbox_event_copy ON outbox_event (copy_id, seq);
