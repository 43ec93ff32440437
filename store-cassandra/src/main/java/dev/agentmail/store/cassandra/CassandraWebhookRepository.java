package dev.agentmail.store.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.Webhook;
import dev.agentmail.domain.port.SecretSealer;
import dev.agentmail.domain.store.WebhookRepository;
import dev.agentmail.store.codec.SealedSecrets;

import javax.inject.Inject;
import java.util.List;
import java.util.Optional;

public class CassandraWebhookRepository implements WebhookRepository {
    static final String SELECT = "SELECT id, organization_id, url, event_types, inbox_ids, enabled, client_id, secret,"
        + " created_at, updated_at FROM webhooks WHERE id = ?";
    private static final String IDS = "SELECT id FROM webhooks_by_organization WHERE organization_id = ?";

    private final Cql cql;
    private final WebhookDeliveries deliveries;
    private final SealedSecrets secrets;

    @Inject
    public CassandraWebhookRepository(CassandraStore store, SecretSealer sealer) {
        this.cql = store.cql();
        this.deliveries = new WebhookDeliveries(cql);
        this.secrets = new SealedSecrets(sealer);
    }

    @Override
    public void create(Webhook webhook) {
        cql.logged(List.of(
            cql.bind("INSERT INTO webhooks (id, organization_id, url, event_types, inbox_ids, enabled, client_id,"
                    + " secret, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", webhook.id(),
                webhook.organizationId(), webhook.url(), wireNames(webhook.eventTypes()), webhook.inboxIds(),
                webhook.enabled(), webhook.clientId().orElse(null), secrets.sealWebhookSecret(webhook.id(), webhook.secret()),
                webhook.createdAt(),
                webhook.updatedAt()),
            cql.bind("INSERT INTO webhooks_by_organization (organization_id, created_at, id) VALUES (?, ?, ?)",
                webhook.organizationId(), webhook.createdAt(), webhook.id())));
    }

    @Override
    public Optional<Webhook> find(String organizationId, String webhookId) {
        return find(webhookId).filter(webhook -> webhook.organizationId().equals(organizationId));
    }

    Optional<Webhook> find(String webhookId) {
        return cql.one(row -> map(row, secrets), SELECT, webhookId);
    }

    @Override
    public Page<Webhook> list(String organizationId, PageRequest pageRequest) {
        return Page.of(byIds(IndexPages.ids(cql, pageRequest, IDS, organizationId)), count(organizationId),
            pageRequest);
    }

    @Override
    public List<Webhook> listEnabled(String organizationId) {
        return byIds(cql.all(row -> row.getString("id"), IDS, organizationId)).stream()
            .filter(Webhook::enabled)
            .toList();
    }

    private List<Webhook> byIds(List<String> ids) {
        return cql.fetchAll(ids.stream().map(id -> cql.bind(SELECT, id)).toList(), row -> Optional.of(map(row, secrets)));
    }

    @Override
    public long count(String organizationId) {
        return cql.count("SELECT COUNT(*) FROM webhooks_by_organization WHERE organization_id = ?", organizationId);
    }

    /** IF: an update racing with a delete must not bring back a webhook without its secret. */
    @Override
    public void update(Webhook webhook) {
        cql.applied("UPDATE webhooks SET url = ?, event_types = ?, inbox_ids = ?, enabled = ?, updated_at = ?"
                + " WHERE id = ? IF organization_id = ?", webhook.url(), wireNames(webhook.eventTypes()),
            webhook.inboxIds(), webhook.enabled(), webhook.updatedAt(), webhook.id(), webhook.organizationId());
    }

    @Override
    public boolean delete(String organizationId, String webhookId) {
        Optional<Webhook> webhook = find(organizationId, webhookId);
        if (webhook.isEmpty()) {
            return false;
        }
        cql.logged(List.of(
            cql.bind("DELETE FROM webhooks WHERE id = ?", webhookId),
            cql.bind("DELETE FROM webhooks_by_organization WHERE organization_id = ? AND created_at = ? AND id = ?",
                organizationId, webhook.get().createdAt(), webhookId)));
        deliveries.deleteAll(webhookId);
        return true;
    }

    private static List<String> wireNames(List<EventType> types) {
        return types.stream().map(EventType::wireName).toList();
    }

    /** A row of {@link #SELECT}, its secret opened. */
    static Webhook map(Row row, SealedSecrets secrets) {
        String id = row.getString("id");
        return new Webhook(id, row.getString("organization_id"), row.getString("url"),
            row.getList("event_types", String.class).stream()
                .map(type -> EventType.fromWireName(type).orElseThrow()).toList(),
            row.getList("inbox_ids", String.class), row.getBoolean("enabled"),
            Optional.ofNullable(row.getString("client_id")), secrets.openWebhookSecret(id, row.getString("secret")),
            row.getInstant("created_at"),
            row.getInstant("updated_at"));
    }
}
