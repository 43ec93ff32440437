package dev.agentmail.store.jdbc;

import dev.agentmail.domain.port.SecretSealer;
import dev.agentmail.domain.store.SecretsAtRest;
import dev.agentmail.store.codec.SealedSecrets;

import javax.inject.Inject;
import javax.sql.DataSource;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * Seals the webhook secrets and DKIM private keys that versions before sealing stored in clear. Each row is
 * updated only while it still holds the clear value read (the CAST because Derby compares no CLOB).
 */
public class JdbcSecretsAtRest implements SecretsAtRest {
    private final Jdbc jdbc;
    private final SealedSecrets secrets;

    @Inject
    public JdbcSecretsAtRest(DataSource dataSource, SecretSealer sealer) {
        this.jdbc = new Jdbc(dataSource);
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
            sealed += jdbc.updateOrFail("UPDATE webhooks SET secret = ? WHERE id = ? AND secret = ?",
                secrets.sealWebhookSecret(webhook.key(), webhook.value()), webhook.key(), webhook.value());
        }
        for (Stored domain : domains) {
            sealed += jdbc.updateOrFail("UPDATE domains SET dkim_private_key = ? WHERE name = ?"
                    + " AND CAST(dkim_private_key AS VARCHAR(32672)) = ?",
                secrets.sealDkimKey(domain.key(), domain.value()), domain.key(), domain.value());
        }
        return sealed;
    }

    /** The rows still in clear, once one sealed already has been seen to open with this key. */
    private List<Stored> clear(String query, BinaryOperator<String> open) {
        List<Stored> rows = jdbc.query(query, row -> new Stored(row.getString(1), row.getString(2)));
        rows.stream().filter(row -> secrets.isSealed(row.value())).findFirst()
            .ifPresent(sealed -> open.apply(sealed.key(), sealed.value()));
        return rows.stream().filter(row -> !secrets.isSealed(row.value())).toList();
    }
}
