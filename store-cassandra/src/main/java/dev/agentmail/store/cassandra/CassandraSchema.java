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
        // Work one node of the cluster does at a time (the first start's bootstrap); rows expire with their lease.
        "CREATE TABLE IF NOT EXISTS leases (name text PRIMARY KEY, holder text)",

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

        // Allow and block lists: one partition per owner (scope '' is the organization itself) and direction, which is
        // what a decision reads; a list's pages follow the entries' text.
        "CREATE TABLE IF NOT EXISTS list_entries (organization_id text, scope text, direction text, kind text,"
            + " entry text, reason text, created_at timestamp,"
            + " PRIMARY KEY ((organization_id, scope, direction), kind, entry))",

        "CREATE TABLE IF NOT EXISTS delivery_attempts (delivery_id text, recipient text, attempted_at timestamp,"
            + " PRIMARY KEY ((delivery_id, recipient)))",

        // An organization's Idempotency-Keys (CassandraIdempotencyRecords), changed only by lightweight transactions.
        "CREATE TABLE IF NOT EXISTS idempotency_records (organization_id text, idempotency_key text, fingerprint text,"
            + " claim_token text, created_at timestamp, answer_status int, answer_body text,"
            + " PRIMARY KEY ((organization_id, idempotency_key)))",

        // Numbered by EventSequence; the id in the key too, so that two events numbered alike are both kept.
        "CREATE TABLE IF NOT EXISTS events (organization_id text, seq bigint, id text, event_type text, inbox_id text,"
            + " payload text, created_at timestamp, PRIMARY KEY ((organization_id), seq, id))",
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
            + " PRIMARY KEY ((bucket), next_attempt_at, id))" + CHECKED_INDEX,

        // Drafts' projection (content JSON, which may be large: never in a batch), listed by inbox and by status,
        // found by the location of their message in Drafts, and scheduled ones by send time: the scheduler's queue.
        "CREATE TABLE IF NOT EXISTS drafts (id text PRIMARY KEY, organization_id text, inbox_id text, status text,"
            + " content text, send_at timestamp, thread_id text, message_id text, reason text, mailbox_id text,"
            + " uid bigint, created_at timestamp, updated_at timestamp)",
        "CREATE TABLE IF NOT EXISTS drafts_by_inbox (organization_id text, inbox_id text, created_at timestamp,"
            + " id text, PRIMARY KEY ((organization_id, inbox_id), created_at, id))" + NEWEST_FIRST,
        "CREATE TABLE IF NOT EXISTS drafts_by_organization (organization_id text, created_at timestamp, id text,"
            + " PRIMARY KEY ((organization_id), created_at, id))" + NEWEST_FIRST,
        "CREATE TABLE IF NOT EXISTS drafts_by_status (organization_id text, status text, created_at timestamp,"
            + " id text, PRIMARY KEY ((organization_id, status), created_at, id))" + NEWEST_FIRST
            + " AND gc_grace_seconds = 3600",
        "CREATE TABLE IF NOT EXISTS drafts_by_location (mailbox_id text, uid bigint, id text,"
            + " PRIMARY KEY ((mailbox_id, uid), id))" + CHECKED_INDEX,
        "CREATE TABLE IF NOT EXISTS drafts_due (bucket int, send_at timestamp, id text,"
            + " PRIMARY KEY ((bucket), send_at, id))" + CHECKED_INDEX,

        // The message index's rows and its exact lookups (CassandraMessageStore); listing and search are in
        // OpenSearch. Content and analysis are JSON, read back whole.
        "CREATE TABLE IF NOT EXISTS messages (id text PRIMARY KEY, organization_id text, inbox_id text, thread_id text,"
            + " direction text, mailbox_id text, uid bigint, labels set<text>, size bigint, ts timestamp,"
            + " created_at timestamp, updated_at timestamp, content text, analysis text)",
        // A mailbox's messages by UID: a message claims its location by IF NOT EXISTS, which is what keeps indexing
        // idempotent per location; a deleted mailbox is read here whole.
        "CREATE TABLE IF NOT EXISTS messages_by_location (mailbox_id text, uid bigint, id text,"
            + " PRIMARY KEY ((mailbox_id), uid))",
        // The thread of a Message-ID, and the threads naming one in In-Reply-To or References: their values are used
        // as they are, so they keep the default grace period.
        "CREATE TABLE IF NOT EXISTS messages_by_rfc_id (inbox_id text, rfc_message_id text, direction text,"
            + " ts timestamp, id text, thread_id text, PRIMARY KEY ((inbox_id, rfc_message_id), direction, ts, id))"
            + " WITH CLUSTERING ORDER BY (direction ASC, ts DESC, id DESC)",
        "CREATE TABLE IF NOT EXISTS message_references (inbox_id text, referenced_id text, message_id text,"
            + " thread_id text, PRIMARY KEY ((inbox_id, referenced_id), message_id))",
        "CREATE TABLE IF NOT EXISTS messages_by_thread (inbox_id text, thread_id text, ts timestamp,"
            + " created_at timestamp, uid bigint, id text, PRIMARY KEY ((inbox_id, thread_id), ts, created_at, uid, id))"
            + CHECKED_INDEX,
        "CREATE TABLE IF NOT EXISTS messages_by_subject (inbox_id text, normalized_subject text, ts timestamp, id text,"
            + " PRIMARY KEY ((inbox_id, normalized_subject), ts, id))"
            + " WITH CLUSTERING ORDER BY (ts DESC, id DESC) AND gc_grace_seconds = 3600",
        "CREATE TABLE IF NOT EXISTS messages_by_direction (inbox_id text, direction text, ts timestamp,"
            + " created_at timestamp, uid bigint, id text,"
            + " PRIMARY KEY ((inbox_id, direction), ts, created_at, uid, id))"
            + " WITH CLUSTERING ORDER BY (ts DESC, created_at DESC, uid DESC, id DESC) AND gc_grace_seconds = 3600",

        // Attachment texts by message (CassandraAttachmentTextRepository), and those still to read, oldest first.
        "CREATE TABLE IF NOT EXISTS attachment_texts (message_id text, attachment_id text, organization_id text,"
            + " inbox_id text, status text, text_content text, queued_at timestamp, read_at timestamp,"
            + " PRIMARY KEY ((message_id), attachment_id))",
        "CREATE TABLE IF NOT EXISTS attachment_texts_pending (bucket int, queued_at timestamp, message_id text,"
            + " attachment_id text, organization_id text, inbox_id text,"
            + " PRIMARY KEY ((bucket), queued_at, message_id, attachment_id))" + CHECKED_INDEX,

        // Sending limits (CassandraSendCounters): a counter column, so that nodes add to one count without a Paxos
        // round per message; one partition per subject and window, deleted by the housekeeping when two days old.
        "CREATE TABLE IF NOT EXISTS send_counters (subject text, window_start timestamp, sent counter,"
            + " PRIMARY KEY ((subject, window_start)))",
        // The operator's overrides of an organization's limits, as one value replaced whole.
        "CREATE TABLE IF NOT EXISTS send_limit_overrides (organization_id text PRIMARY KEY,"
            + " limits frozen<map<text, int>>)");

    /** Columns added to a table above after it was first made: added at start where missing. */
    record AddedColumn(String table, String column, String type) {
    }

    static final List<AddedColumn> ADDED_COLUMNS = List.of(new AddedColumn("inboxes", "send_mode", "text"),
        new AddedColumn("api_keys", "inbox_ids", "text"), new AddedColumn("api_keys", "permissions", "text"));

    /** The names of the tables above, for tests that empty them. */
    static List<String> tableNames() {
        return TABLES.stream()
            .map(statement -> statement.substring("CREATE TABLE IF NOT EXISTS ".length(), statement.indexOf(" (")))
            .toList();
    }

    private CassandraSchema() {
    }
}
