package dev.agentmail.store.jdbc;

import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.Page;
import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.domain.model.Webhook;
import dev.agentmail.domain.port.SecretSealer;
import dev.agentmail.domain.store.WebhookRepository;
import dev.agentmail.store.codec.SealedSecrets;

import javax.inject.Inject;
import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

public class JdbcWebhookRepository implements WebhookRepository {
    static final String COLUMNS =
        "id, organization_id, url, event_types, inbox_ids, enabled, client_id, secret, created_at, updated_at";

    private final Jdbc jdbc;
    private final SealedSecrets secrets;

    @Inject
    public JdbcWebhookRepository(DataSource dataSource, SecretSealer sealer) {
        this.jdbc = new Jdbc(dataSource);
        this.secrets = new SealedSecrets(sealer);
    }

    @Override
    public void create(Webhook webhook) {
        jdbc.updateOrFail("INSERT INTO webhooks (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            webhook.id(), webhook.organizationId(), webhook.url(), eventTypes(webhook.eventTypes()),
            String.join(",", webhook.inboxIds()), webhook.enabled() ? 1 : 0, webhook.clientId().orElse(null),
            secrets.sealWebhookSecret(webhook.id(), webhook.secret()), webhook.createdAt().toEpochMilli(), webhook.updatedAt().toEpochMilli());
    }

    @Override
    public Optional<Webhook> find(String organizationId, String webhookId) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM webhooks WHERE organization_id = ? AND id = ?",
            this::webhook, organizationId, webhookId);
    }

    @Override
    public Page<Webhook> list(String organizationId, PageRequest pageRequest) {
        return Page.of(jdbc.query("SELECT " + COLUMNS + " FROM webhooks WHERE organization_id = ?"
                    + " ORDER BY created_at DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                this::webhook, organizationId, pageRequest.offset(), pageRequest.pageSize()),
            count(organizationId), pageRequest);
    }

    @Override
    public List<Webhook> listEnabled(String organizationId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM webhooks WHERE organization_id = ? AND enabled = 1",
            this::webhook, organizationId);
    }

    @Override
    public long count(String organizationId) {
        return jdbc.count("SELECT COUNT(*) FROM webhooks WHERE organization_id = ?", organizationId);
    }

    @Override
    public void update(Webhook webhook) {
        jdbc.updateOrFail("UPDATE webhooks SET url = ?, event_types = ?, inbox_ids = ?, enabled = ?, updated_at = ?"
                + " WHERE organization_id = ? AND id = ?", webhook.url(), eventTypes(webhook.eventTypes()),
            String.join(",", webhook.inboxIds()), webhook.enabled() ? 1 : 0, webhook.updatedAt().toEpochMilli(),
            webhook.organizationId(), webhook.id());
    }

    @Override
    public boolean delete(String organizationId, String webhookId) {
        boolean[] deleted = {false};
        jdbc.inTransaction(connection -> {
            deleted[0] = Jdbc.update(connection, "DELETE FROM webhooks WHERE organization_id = ? AND id = ?",
                organizationId, webhookId) > 0;
            if (deleted[0]) {
                Jdbc.update(connection, "DELETE FROM webhook_deliveries WHERE webhook_id = ?", webhookId);
            }
        });
        return deleted[0];
    }

    private static String eventTypes(List<EventType> types) {
        return String.join(",", types.stream().map(EventType::wireName).toList());
    }

    private Webhook webhook(ResultSet row) throws SQLException {
        return map(row, secrets);
    }

    /** A row of {@link #COLUMNS}, its secret opened. */
    static Webhook map(ResultSet row, SealedSecrets secrets) throws SQLException {
        String id = row.getString("id");
        return new Webhook(id, row.getString("organization_id"), row.getString("url"),
            split(row.getString("event_types")).stream().map(type -> EventType.fromWireName(type).orElseThrow()).toList(),
            split(row.getString("inbox_ids")), row.getInt("enabled") == 1, Optional.ofNullable(row.getString("client_id")),
            secrets.openWebhookSecret(id, row.getString("secret")), Instant.ofEpochMilli(row.getLong("created_at")),
            Instant.ofEpochMilli(row.getLong("updated_at")));
    }

    private static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
