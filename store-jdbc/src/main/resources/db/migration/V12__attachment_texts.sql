-- The text of received attachments, read in the background: one row per attachment, 'pending' until read.
CREATE TABLE attachment_texts (
    message_id       VARCHAR(64)  NOT NULL,
    attachment_id    VARCHAR(64)  NOT NULL,
    organization_id  VARCHAR(64)  NOT NULL,
    inbox_id         VARCHAR(64)  NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    text_content     ${text},
    queued_at        BIGINT       NOT NULL,
    read_at          BIGINT,
    CONSTRAINT attachment_texts_key PRIMARY KEY (message_id, attachment_id)
);
CREATE INDEX attachment_texts_pending ON attachment_texts (status, queued_at);
