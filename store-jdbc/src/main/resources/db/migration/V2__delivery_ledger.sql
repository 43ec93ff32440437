-- One row per local delivery attempt (spool mail name, recipient), written before the mailbox append.
CREATE TABLE delivery_ledger (
    delivery_id   VARCHAR(255) NOT NULL,
    recipient     VARCHAR(320) NOT NULL,
    attempted_at  BIGINT       NOT NULL,
    CONSTRAINT delivery_ledger_key PRIMARY KEY (delivery_id, recipient)
);
CREATE INDEX delivery_ledger_by_time ON delivery_ledger (attempted_at);
