-- Drafts: the projection of the messages in the inboxes' Drafts folders, and the queue of scheduled sends.
-- (V12 and V13 are left to the attachment-text and idempotency branches.)
CREATE TABLE drafts (
    id               VARCHAR(64)   NOT NULL PRIMARY KEY,
    organization_id  VARCHAR(64)   NOT NULL,
    inbox_id         VARCHAR(64)   NOT NULL,
    status           VARCHAR(32)   NOT NULL,
    content          ${text}       NOT NULL,
    send_at          BIGINT,
    thread_id        VARCHAR(64),
    message_id       VARCHAR(64),
    reason           VARCHAR(1000),
    mailbox_id       VARCHAR(128),
    uid              BIGINT,
    created_at       BIGINT        NOT NULL,
    updated_at       BIGINT        NOT NULL
);
CREATE INDEX drafts_by_inbox ON drafts (organization_id, inbox_id, created_at, id);
CREATE INDEX drafts_by_status ON drafts (organization_id, status, created_at, id);
CREATE INDEX drafts_due ON drafts (status, send_at);
CREATE INDEX drafts_by_location ON drafts (mailbox_id, uid);

-- An inbox in approval mode holds what it sends as pending_approval drafts.
ALTER TABLE inboxes ADD COLUMN send_mode VARCHAR(16) DEFAULT 'direct' NOT NULL;
