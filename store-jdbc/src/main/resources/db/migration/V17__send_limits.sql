-- Sending limits. A counter per subject (which limit of which inbox, organization or thread) and window (its start,
-- epoch milliseconds); the hourly housekeeping deletes windows over two days old, through the index on their start.
CREATE TABLE send_counters (
    subject       VARCHAR(200) NOT NULL,
    window_start  BIGINT       NOT NULL,
    sent          BIGINT       NOT NULL,
    PRIMARY KEY (subject, window_start)
);
CREATE INDEX send_counters_by_start ON send_counters (window_start);

-- The operator's overrides of an organization's limits, one row per limit it sets (0: no limit).
CREATE TABLE send_limit_overrides (
    organization_id  VARCHAR(64) NOT NULL,
    send_limit       VARCHAR(32) NOT NULL,
    limit_value      INTEGER     NOT NULL,
    PRIMARY KEY (organization_id, send_limit)
);
