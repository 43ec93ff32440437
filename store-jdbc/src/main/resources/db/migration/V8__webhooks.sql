-- Webhook subscriptions, and the event outbox with one delivery row per event and webhook.
CREATE TABLE webhooks (
    id               VARCHAR(64)   NOT NULL PRIMARY KEY,
    organization_id  VARCHAR(64)   NOT NULL,
    url              VARCHAR(2048) NOT NULL,
    event_types      VARCHAR(1000) NOT NULL,
    inbox_ids        ${text}       NOT NULL,
    enabled          SMALLINT      NOT NULL,
    client_id        VARCHAR(200),
    secret           VARCHAR(200)  NOT NULL,
    created_at       BIGINT        NOT NULL,
    updated_at       BIGINT        NOT NULL
);
CREATE INDEX webhooks_by_organization ON webhooks (organization_id, created_at, id);

-- seq numbers the events in the order they were appended; the event stream resumes from it.
CREATE TABLE events (
    seq              BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id               VARCHAR(64)   NOT NULL,
    organization_id  VARCHAR(64)   NOT NULL,
    event_type       VARCHAR(64)   NOT NULL,
    inbox_id         VARCHAR(64),
    payload          ${text}       NOT NULL,
    created_at       BIGINT        NOT NULL,
    CONSTRAINT events_id UNIQUE (id)
);
CREATE INDEX events_by_organization ON events (organization_id, seq);
CREATE INDEX events_by_creation ON events (created_at);

CREATE TABLE webhook_deliveries (
    id               VARCHAR(64)   NOT NULL PRIMARY KEY,
    webhook_id       VARCHAR(64)   NOT NULL,
    event_id         VARCHAR(64)   NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    attempts         INT           NOT NULL,
    last_status      INT,
    last_error       VARCHAR(500),
    last_attempt_at  BIGINT,
    next_attempt_at  BIGINT,
    created_at       BIGINT        NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, created_at, id);
CREATE INDEX webhook_deliveries_by_event ON webhook_deliveries (event_id);
