-- The Message-IDs each indexed message names in In-Reply-To and References, so that a message indexed after a
-- reply to it (mail arrives in any order) can find that reply's thread.
CREATE TABLE message_references (
    inbox_id        VARCHAR(64)  NOT NULL,
    referenced_id   VARCHAR(998) NOT NULL,
    message_id      VARCHAR(64)  NOT NULL,
    thread_id       VARCHAR(64)  NOT NULL,
    CONSTRAINT message_references_key PRIMARY KEY (message_id, referenced_id)
);
CREATE INDEX message_references_by_target ON message_references (inbox_id, referenced_id);
