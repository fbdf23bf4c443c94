-- The outbox: one sealed copy per recipient, written by the pipeline in the same transaction as the ledger's
-- DISCLOSED entry, read by the HTTPS API. Content columns never change after insert (guarded below); only the
-- delivery state columns (delivered_at, acknowledged_at) move, and every delivery and acknowledgement is also kept
-- as a row of outbox_event.
CREATE TABLE outbox_copy (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE, -- insertion order: the paging cursor of GET /messages
    copy_id         UUID         NOT NULL PRIMARY KEY,          -- the id the recipient sees in the API
    message_id      UUID         NOT NULL,                      -- the inbound message's Header/MessageId
    sender_id       VARCHAR(64)  NOT NULL,                      -- participant id of the inbound message's signer
    recipient_id    VARCHAR(64)  NOT NULL,                      -- participant id this copy is sealed for
    message_type    VARCHAR(64)  NOT NULL,                      -- e.g. ReleaseNotice
    purpose         VARCHAR(64)  NOT NULL,                      -- the agreement's purpose the copy was redacted for
    legal_basis     VARCHAR(512) NOT NULL,                      -- LegalBasis.describe() of that agreement
    subject_ref     VARCHAR(128),                               -- keyed hash of the person (NULL for statistics)
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,          -- when the copy was sealed
    cms             BYTEA        NOT NULL,                      -- sealed CMS (DER): served as application/pkcs7-mime
    cms_sha256      CHAR(64)     NOT NULL,                      -- lowercase hex SHA-256 of cms
    jose            TEXT         NOT NULL,                      -- compact JWE of a JWS: served as application/jose
    jose_sha256     CHAR(64)     NOT NULL,                      -- lowercase hex SHA-256 of the jose string's ASCII bytes
    delivered_at    TIMESTAMP WITH TIME ZONE,                   -- first download (state column)
    acknowledged_at TIMESTAMP WITH TIME ZONE,                   -- acknowledgement (state column); NULL = pending
    CONSTRAINT outbox_copy_one_per_recipient UNIQUE (message_id, recipient_id)
);

-- GET /messages: a recipient's pending copies in insertion order.
CREATE INDEX outbox_copy_pending ON outbox_copy (recipient_id, seq) WHERE acknowledged_at IS NULL;

-- The history of each copy's delivery: every download and the acknowledgement, with the receipt as evidence.
CREATE TABLE outbox_event (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    copy_id      UUID        NOT NULL REFERENCES outbox_copy (copy_id),
    kind         VARCHAR(16) NOT NULL CHECK (kind IN ('DELIVERED', 'ACKNOWLEDGED')),
    participant  VARCHAR(64) NOT NULL,                          -- who downloaded or acknowledged (the recipient)
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    format       VARCHAR(32) CHECK (format IN ('application/pkcs7-mime', 'application/jose')), -- DELIVERED only
    receipt      TEXT                                           -- ACKNOWLEDGED: the recipient's JWS receipt, if sent
);
CREATE INDEX outbox_event_copy ON outbox_event (copy_id, seq);

-- Content is immutable: only the state columns may change, and at most once each (NULL -> value).
CREATE FUNCTION outbox_copy_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'outbox_copy rows are not deleted';
    END IF;
    IF (NEW.seq, NEW.copy_id, NEW.message_id, NEW.sender_id, NEW.recipient_id, NEW.message_type, NEW.purpose,
        NEW.legal_basis, NEW.subject_ref, NEW.created_at, NEW.cms, NEW.cms_sha256, NEW.jose, NEW.jose_sha256)
       IS DISTINCT FROM
       (OLD.seq, OLD.copy_id, OLD.message_id, OLD.sender_id, OLD.recipient_id, OLD.message_type, OLD.purpose,
        OLD.legal_basis, OLD.subject_ref, OLD.created_at, OLD.cms, OLD.cms_sha256, OLD.jose, OLD.jose_sha256) THEN
        RAISE EXCEPTION 'outbox_copy content is immutable (copy %)', OLD.copy_id;
    END IF;
    IF (OLD.delivered_at IS NOT NULL AND NEW.delivered_at IS DISTINCT FROM OLD.delivered_at)
       OR (OLD.acknowledged_at IS NOT NULL AND NEW.acknowledged_at IS DISTINCT FROM OLD.acknowledged_at) THEN
        RAISE EXCEPTION 'outbox_copy delivery state only moves forward (copy %)', OLD.copy_id;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER outbox_copy_guard BEFORE UPDATE OR DELETE ON outbox_copy
    FOR EACH ROW EXECUTE FUNCTION outbox_copy_guard();

CREATE FUNCTION outbox_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'outbox_event is append-only';
END $$;
CREATE TRIGGER outbox_event_guard BEFORE UPDATE OR DELETE ON outbox_event
    FOR EACH ROW EXECUTE FUNCTION outbox_event_guard();
