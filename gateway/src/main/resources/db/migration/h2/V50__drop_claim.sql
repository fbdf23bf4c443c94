-- Drops taken out of the inboxes into the gateway's work area (data/work/<participant>/<take id>/<file name>) and
-- who is working on each. One gateway instance at a time holds a drop (owner + lease); when an instance dies, its
-- lease runs out and another takes the drop over. The attempt count survives crashes, so a file that keeps failing
-- is refused (INTERNAL_ERROR) instead of being tried forever.
CREATE TABLE drop_claim (
    take_id         VARCHAR(64)  NOT NULL PRIMARY KEY,  -- the drop's directory in the work area
    participant_id  VARCHAR(64)  NOT NULL,              -- whose inbox it came from
    owner           VARCHAR(128),                       -- the instance working on it (NULL: nobody)
    lease_until     TIMESTAMP WITH TIME ZONE,           -- the owner's claim holds until then
    attempts        INTEGER      NOT NULL DEFAULT 0,    -- claims so far, including ones that crashed
    not_before      TIMESTAMP WITH TIME ZONE NOT NULL,  -- back-off: no new attempt before this
    last_step       VARCHAR(32),                        -- where the last attempt failed
    last_failure    VARCHAR(200),                       -- its exception class (never message content)
    abandoned_at    TIMESTAMP WITH TIME ZONE            -- set when even its refusal failed: never tried again
);
