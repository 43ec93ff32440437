-- Instants are epoch milliseconds in BIGINT columns: portable across Derby and PostgreSQL, and free of
-- time zone conversions in JDBC drivers.
CREATE TABLE organizations (
    id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL
);
CREATE INDEX organizations_by_creation ON organizations (created_at, id);

CREATE TABLE api_keys (
    id               VARCHAR(64)  NOT NULL PRIMARY KEY,
    organization_id  VARCHAR(64)  NOT NULL,
    name             VARCHAR(200) NOT NULL,
    prefix           VARCHAR(64)  NOT NULL,
    secret_hash      VARCHAR(128) NOT NULL,
    used_at          BIGINT,
    created_at       BIGINT       NOT NULL,
    CONSTRAINT api_keys_secret_hash UNIQUE (secret_hash)
);
CREATE INDEX api_keys_by_organization ON api_keys (organization_id, created_at, id);

CREATE TABLE inboxes (
    id               VARCHAR(64)  NOT NULL PRIMARY KEY,
    organization_id  VARCHAR(64)  NOT NULL,
    username         VARCHAR(64)  NOT NULL,
    domain           VARCHAR(253) NOT NULL,
    display_name     VARCHAR(200),
    client_id        VARCHAR(200),
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL,
    CONSTRAINT inboxes_address UNIQUE (username, domain)
);
CREATE INDEX inboxes_by_organization ON inboxes (organization_id, created_at, id);
