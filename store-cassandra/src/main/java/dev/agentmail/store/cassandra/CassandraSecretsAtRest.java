package dev.agentmail.store.cassandra;

import dev.agentmail.domain.port.SecretSealer;
import dev.agentmail.domain.store.SecretsAtRest;
import dev.agentmail.store.codec.SealedSecrets;

import javax.inject.Inject;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * Seals the webhook secrets and DKIM private keys that versions before sealing stored in clear. Each row changes by
 * a lightweight transaction only while it still holds the clear value read: nodes starting together, or a delete at
 * the same time, lose nothing and bring nothing back.
 */
public class CassandraSecretsAtRest implements SecretsAtRest {
    private final Cql cql;
    private final SealedSecrets secrets;

    @Inject
    public CassandraSecretsAtRest(CassandraStore store, SecretSealer sealer) {
        this.cql = store.cql();
        this.secrets = new SealedSecrets(sealer);
    }

    private record Stored(String key, String value) {
    }

    @Override
    public int sealClearSecrets() {
        // Both read, and checked against the key, before anything is written.
        List<Stored> webhooks = clear("SELECT id, secret FROM webhooks", secrets::openWebhookSecret);
        List<Stored> domains = clear("SELECT name, dkim_private_key FROM domains", secrets::openDkimKey);
        int sealed = 0;
        for (Stored webhook : webhooks) {
            sealed += cql.applied("UPDATE webhooks SET secret = ? WHERE id = ? IF secret = ?",
                secrets.sealWebhookSecret(webhook.key(), webhook.value()), webhook.key(), webhook.value()) ? 1 : 0;
        }
        for (Stored domain : domains) {
            sealed += cql.applied("UPDATE domains SET dkim_private_key = ? WHERE name = ? IF dkim_private_key = ?",
                secrets.sealDkimKey(domain.key(), domain.value()), domain.key(), domain.value()) ? 1 : 0;
        }
        return sealed;
    }

    /**
     * The rows still in clear, once one sealed already has been seen to open with this key. A whole-table read, paged
     * by the driver: these tables hold some hundreds of rows per organization at most.
     */
    private List<Stored> clear(String query, BinaryOperator<String> open) {
        List<Stored> rows = cql.all(row -> new Stored(row.getString(0), row.getString(1)), query).stream()
            .filter(row -> row.value() != null)
            .toList();
        rows.stream().filter(row -> secrets.isSealed(row.value())).findFirst()
            .ifPresent(sealed -> open.apply(sealed.key(), sealed.value()));
        return rows.stream().filter(row -> !secrets.isSealed(row.value())).toList();
    }
}
