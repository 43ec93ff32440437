-- Disposable inboxes: deleted when they expire.
ALTER TABLE inboxes ADD COLUMN expires_at BIGINT;
CREATE INDEX inboxes_by_expiry ON inboxes (expires_at);
