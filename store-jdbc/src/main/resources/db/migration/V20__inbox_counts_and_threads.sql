-- What the index keeps so that listing does not aggregate an inbox on every call, kept by the repository in the
-- transaction that adds or removes the message.
-- The threads of each inbox, dated by their newest message: a page of threads is a range read of
-- message_threads_listing instead of a GROUP BY over the inbox.
CREATE TABLE message_threads (
    inbox_id        VARCHAR(64) NOT NULL,
    thread_id       VARCHAR(64) NOT NULL,
    organization_id VARCHAR(64) NOT NULL,
    last_ts         BIGINT      NOT NULL,
    CONSTRAINT message_threads_key PRIMARY KEY (inbox_id, thread_id)
);
CREATE INDEX message_threads_listing ON message_threads (inbox_id, last_ts DESC, thread_id DESC, organization_id);
-- Messages and threads per inbox, the listings' totals. An inbox's count is the sum over a few stripes, each delivery
-- adding to one picked at random, so that concurrent deliveries to one inbox do not queue on one row's lock.
CREATE TABLE inbox_counts (
    inbox_id        VARCHAR(64) NOT NULL,
    stripe          INT         NOT NULL,
    organization_id VARCHAR(64) NOT NULL,
    messages        BIGINT      NOT NULL,
    threads         BIGINT      NOT NULL,
    CONSTRAINT inbox_counts_key PRIMARY KEY (inbox_id, stripe)
);
-- Messages indexed before this migration.
INSERT INTO message_threads (inbox_id, thread_id, organization_id, last_ts)
    SELECT inbox_id, thread_id, MIN(organization_id), MAX(ts) FROM messages GROUP BY inbox_id, thread_id;
INSERT INTO inbox_counts (inbox_id, stripe, organization_id, messages, threads)
    SELECT inbox_id, 0, MIN(organization_id), COUNT(*), COUNT(DISTINCT thread_id) FROM messages GROUP BY inbox_id;
