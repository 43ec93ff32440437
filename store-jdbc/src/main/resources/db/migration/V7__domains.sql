-- Custom domains. The name is the id and unique across organizations. records is the JSON list of DNS records to
-- publish with their last status; the DKIM private key (PKCS#8, base64) never leaves the server.
CREATE TABLE domains (
    name              VARCHAR(253) NOT NULL PRIMARY KEY,
    organization_id   VARCHAR(64)  NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    feedback_enabled  SMALLINT     NOT NULL,
    records           ${text}      NOT NULL,
    dkim_selector     VARCHAR(63)  NOT NULL,
    dkim_public_key   ${text}      NOT NULL,
    dkim_private_key  ${text}      NOT NULL,
    created_at        BIGINT       NOT NULL,
    updated_at        BIGINT       NOT NULL,
    checked_at        BIGINT       NOT NULL
);
CREATE INDEX domains_by_organization ON domains (organization_id, created_at, name);
CREATE INDEX domains_by_check ON domains (status, checked_at, name);
CREATE INDEX inboxes_by_domain ON inboxes (domain);
