package dev.agentmail.store.cassandra;

import dev.agentmail.domain.port.SecretSealer;
import dev.agentmail.domain.store.SecretsAtRest;
import dev.agentmail.store.codec.SealedSecrets;

import javax.inject.Inject;
import java.util.List;

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
        int sealed = 0;
        for (Stored webhook : clear("SELECT id, secret FROM webhooks")) {
            sealed += cql.applied("UPDATE webhooks SET secret = ? WHERE id = ? IF secret = ?",
                secrets.sealWebhookSecret(webhook.key(), webhook.value()), webhook.key(), webhook.value()) ? 1 : 0;
        }
        for (Stored domain : clear("SELECT name, dkim_private_key FROM domains")) {
            sealed += cql.applied("UPDATE domains SET dkim_private_key = ? WHERE name = ? IF dkim_private_key = ?",
                secrets.sealDkimKey(domain.key(), domain.value()), domain.key(), domain.value()) ? 1 : 0;
        }
        return sealed;
    }

    /** A whole-table read, paged by the driver: these tables hold at most some hundreds of rows per organization. */
    private List<Stored> clear(String query) {
        return cql.all(row -> new Stored(row.getString(0), row.getString(1)), query).stream()
            .filter(stored -> stored.value() != null && !secrets.isSealed(stored.value()))
            .toList();
    }
}
