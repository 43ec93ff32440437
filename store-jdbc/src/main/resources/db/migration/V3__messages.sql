-- The message index. Lists and bodies are JSON or text in ${text} columns (CLOB on Derby, TEXT on PostgreSQL).
CREATE TABLE messages (
    id                  VARCHAR(64)   NOT NULL PRIMARY KEY,
    organization_id     VARCHAR(64)   NOT NULL,
    inbox_id            VARCHAR(64)   NOT NULL,
    thread_id           VARCHAR(64)   NOT NULL,
    direction           VARCHAR(16)   NOT NULL,
    mailbox_id          VARCHAR(128)  NOT NULL,
    uid                 BIGINT        NOT NULL,
    rfc_message_id      VARCHAR(998),
    normalized_subject  VARCHAR(1000) NOT NULL,
    labels              VARCHAR(8000) NOT NULL,
    size                BIGINT        NOT NULL,
    ts                  BIGINT        NOT NULL,
    created_at          BIGINT        NOT NULL,
    updated_at          BIGINT        NOT NULL,
    content             ${text}       NOT NULL,
    CONSTRAINT messages_location UNIQUE (mailbox_id, uid)
);
CREATE INDEX messages_by_inbox ON messages (inbox_id, ts, created_at, uid);
CREATE INDEX messages_by_thread ON messages (inbox_id, thread_id, ts);
CREATE INDEX messages_by_rfc_id ON messages (inbox_id, rfc_message_id);
CREATE INDEX messages_by_subject ON messages (inbox_id, normalized_subject, ts);
