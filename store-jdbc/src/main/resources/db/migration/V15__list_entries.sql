-- Allow and block lists. inbox_id is '' for an organization's own lists; an entry is an address, a domain or
-- *.domain, lower-cased. The key is also the order of a list's pages.
CREATE TABLE list_entries (
    organization_id  VARCHAR(64)  NOT NULL,
    inbox_id         VARCHAR(64)  NOT NULL,
    direction        VARCHAR(8)   NOT NULL,
    kind             VARCHAR(8)   NOT NULL,
    entry            VARCHAR(320) NOT NULL,
    reason           VARCHAR(500),
    created_at       BIGINT       NOT NULL,
    PRIMARY KEY (organization_id, inbox_id, direction, kind, entry)
);
