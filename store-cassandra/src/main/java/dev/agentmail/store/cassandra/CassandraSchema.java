package dev.agentmail.store.cassandra;

import java.util.List;

/**
 * Our tables, created when missing at each start, so a new keyspace is ready at once and an existing one is left as
 * it is. Cassandra has no joins and sorts only within a partition, so each entity has one table keyed by its id (what
 * a row says) and small index tables that order ids for one query: a list newest first, a queue by due time. The index
 * rows are written with the entity in a logged batch; readers skip an index entry whose entity is gone. A later
 * change of the schema is a statement appended here that can run again harmlessly, like these.
 */
final class CassandraSchema {
    /**
     * Index tables whose entries are checked against the entity before use: a deleted entry that comes back after a
     * repair is harmless, so their tombstones may go after an hour instead of ten days.
     */
    private static final String CHECKED_INDEX = " WITH gc_grace_seconds = 3600";
    private static final String NEWEST_FIRST = " WITH CLUSTERING ORDER BY (created_at DESC, id DESC)";

    static final List<String> TABLES = List.of(
        // The one owner of a unique value (an inbox address, a key's hash), won by IF NOT EXISTS; domain names are
        // unique as the key of the domains table.
        "CREATE TABLE IF NOT EXISTS unique_claims (scope text, value text, owner text, PRIMARY KEY ((scope, value)))",
        // Secrets every node must share (the download-link signing key), made once by whichever node asks first.
        "CREATE TABLE IF NOT EXISTS shared_secrets (name text PRIMARY KEY, value blob)",

        "CREATE TABLE IF NOT EXISTS organizations (id text PRIMARY KEY, name text, created_at timestamp,"
            + " updated_at timestamp)",
        // Organizations are few (an operator makes them): one partition holds them all, oldest first.
        "CREATE TABLE IF NOT EXISTS organizations_by_creation (bucket int, created_at timestamp, id text,"
            + " PRIMARY KEY ((bucket), created_at, id))",

        "CREATE TABLE IF NOT EXISTS api_keys (id text PRIMARY KEY, organization_id text, name text, prefix text,"
            + " secret_hash text, used_at timestamp, created_at timestamp)",
        "CREATE TABLE IF NOT EXISTS api_keys_by_organization (organization_id text, created_at timestamp, id text,"
            + " PRIMARY KEY ((organization_id), created_at, id))" + NEWEST_FIRST,

        "CREATE TABLE IF NOT EXISTS inboxes (id text PRIMARY KEY, organization_id text, username text, domain text,"
            + " display_name text, client_id text, created_at timestamp, updated_at timestamp, expires_at timestamp)",
        "CREATE TABLE IF NOT EXISTS inboxes_by_organization (organization_id text, created_at timestamp, id text,"
            + " PRIMARY KEY ((organization_id), created_at, id))" + NEWEST_FIRST,
        "CREATE TABLE IF NOT EXISTS inboxes_by_domain (domain text, username text, id text,"
            + " PRIMARY KEY ((domain), username))",
        // Only disposable inboxes: one partition, earliest expiry first.
        "CREATE TABLE IF NOT EXISTS inboxes_by_expiry (bucket int, expires_at timestamp, id text,"
            + " PRIMARY KEY ((bucket), expires_at, id))" + CHECKED_INDEX,

        "CREATE TABLE IF NOT EXISTS domains (name text PRIMARY KEY, organization_id text, status text,"
            + " feedback_enabled boolean, records text, dkim_selector text, dkim_public_key text, dkim_private_key text,"
            + " created_at timestamp, updated_at timestamp, checked_at timestamp)",
        "CREATE TABLE IF NOT EXISTS domains_by_organization (organization_id text, created_at timestamp, id text,"
            + " PRIMARY KEY ((organization_id), created_at, id))" + NEWEST_FIRST,
        // Only PENDING domains: one partition, the longest unchecked first.
        "CREATE TABLE IF NOT EXISTS domains_pending (bucket int, checked_at timestamp, name text,"
            + " PRIMARY KEY ((bucket), checked_at, name))" + CHECKED_INDEX,

        "CREATE TABLE IF NOT EXISTS webhooks (id text PRIMARY KEY, organization_id text, url text,"
            + " event_types list<text>, inbox_ids list<text>, enabled boolean, client_id text, secret text,"
            + " created_at timestamp, updated_at timestamp)",
        "CREATE TABLE IF NOT EXISTS webhooks_by_organization (organization_id text, created_at timestamp, id text,"
            + " PRIMARY KEY ((organization_id), created_at, id))" + NEWEST_FIRST,

        "CREATE TABLE IF NOT EXISTS delivery_attempts (delivery_id text, recipient text, attempted_at timestamp,"
            + " PRIMARY KEY ((delivery_id, recipient)))",

        // The outbox's event counter: one row, moved on by compare-and-set (see EventSequence).
        "CREATE TABLE IF NOT EXISTS outbox_sequence (name text PRIMARY KEY, value bigint)",
        "CREATE TABLE IF NOT EXISTS events (organization_id text, seq bigint, id text, event_type text, inbox_id text,"
            + " payload text, created_at timestamp, PRIMARY KEY ((organization_id), seq))",
        "CREATE TABLE IF NOT EXISTS event_ids (id text PRIMARY KEY, organization_id text, seq bigint,"
            + " created_at timestamp, delivery_ids set<text>)",
        "CREATE TABLE IF NOT EXISTS webhook_deliveries (id text PRIMARY KEY, webhook_id text, event_id text,"
            + " event_type text, state text, attempts int, last_status int, last_error text, last_attempt_at timestamp,"
            + " next_attempt_at timestamp, created_at timestamp)",
        "CREATE TABLE IF NOT EXISTS deliveries_by_webhook (webhook_id text, created_at timestamp, id text,"
            + " PRIMARY KEY ((webhook_id), created_at, id))" + NEWEST_FIRST,
        "CREATE TABLE IF NOT EXISTS deliveries_pending_by_webhook (webhook_id text, id text,"
            + " PRIMARY KEY ((webhook_id), id))" + CHECKED_INDEX,
        // Pending deliveries by due time, one partition: the dispatcher's queue.
        "CREATE TABLE IF NOT EXISTS deliveries_due (bucket int, next_attempt_at timestamp, id text,"
            + " PRIMARY KEY ((bucket), next_attempt_at, id))" + CHECKED_INDEX);

    /** The names of the tables above, for tests that empty them. */
    static List<String> tableNames() {
        return TABLES.stream()
            .map(statement -> statement.substring("CREATE TABLE IF NOT EXISTS ".length(), statement.indexOf(" (")))
            .toList();
    }

    private CassandraSchema() {
    }
}
