-- The statistics memory: every cell of every table the gateway released to a recipient in a StatisticsReport copy,
-- published or suppressed (with its true value: the gateway must go on protecting a suppressed cell), per sender and
-- reference period. Later copies for the same sender and reference period are suppressed and audited against it.
-- Written in the same transaction as the copy's outbox row, so it holds exactly what was sent.
CREATE TABLE statistics_release (
    release_key      CHAR(64)      NOT NULL PRIMARY KEY,  -- SHA-256 of recipient, table and cell key
    recipient_id     VARCHAR(64)   NOT NULL,
    sender_id        VARCHAR(64)   NOT NULL,
    reference_period VARCHAR(64)   NOT NULL,              -- ReferencePeriod as start/end, or none
    message_id       VARCHAR(64)   NOT NULL,              -- the report's MessageId
    table_ref        VARCHAR(512)  NOT NULL,              -- <MessageId>/<table ordinal>/<TableId>
    cell_key         VARCHAR(2048) NOT NULL,              -- measure.quantity|area|sex|age band|offence|period
    cell_value       BIGINT,                              -- the true value; null when the sender suppressed it
    published        BOOLEAN       NOT NULL,              -- whether the recipient saw the value
    released_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX statistics_release_scope ON statistics_release (sender_id, reference_period, recipient_id);
