-- The Idempotency-Keys of each organization: the first request's fingerprint, the token of the call holding the
-- claim, and once it succeeded its answer (status and JSON body). Kept 24 hours.
CREATE TABLE idempotency_records (
    organization_id  VARCHAR(64)  NOT NULL,
    idempotency_key  VARCHAR(255) NOT NULL,
    fingerprint      VARCHAR(64)  NOT NULL,
    claim_token      VARCHAR(64)  NOT NULL,
    created_at       BIGINT       NOT NULL,
    answer_status    INT,
    answer_body      ${text},
    CONSTRAINT idempotency_records_key PRIMARY KEY (organization_id, idempotency_key)
);
CREATE INDEX idempotency_records_by_creation ON idempotency_records (created_at);

-- One inbox per client_id in an organization: creating another with it returns the first. Inboxes made before share
-- a client_id at most with older ones, which keep it; the newer ones lose it rather than block the constraint.
UPDATE inboxes SET client_id = NULL WHERE client_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM inboxes older WHERE older.organization_id = inboxes.organization_id
        AND older.client_id = inboxes.client_id
        AND (older.created_at < inboxes.created_at OR (older.created_at = inboxes.created_at AND older.id < inboxes.id)));
ALTER TABLE inboxes ADD CONSTRAINT inboxes_client_id UNIQUE (organization_id, client_id);
