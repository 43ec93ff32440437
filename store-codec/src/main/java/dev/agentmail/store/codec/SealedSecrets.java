package dev.agentmail.store.codec;

import dev.agentmail.domain.port.SecretSealer;

/**
 * The secrets our stores keep sealed, and what each is bound to: a webhook's signing secret to its id, a domain's DKIM
 * private key to its name. Both backends seal and open them here, so a value means the same in either.
 */
public final class SealedSecrets {
    private final SecretSealer sealer;

    public SealedSecrets(SecretSealer sealer) {
        this.sealer = sealer;
    }

    public String sealWebhookSecret(String webhookId, String secret) {
        return sealer.seal(webhook(webhookId), secret);
    }

    public String openWebhookSecret(String webhookId, String stored) {
        return sealer.open(webhook(webhookId), stored);
    }

    public String sealDkimKey(String domain, String privateKey) {
        return sealer.seal(dkim(domain), privateKey);
    }

    public String openDkimKey(String domain, String stored) {
        return sealer.open(dkim(domain), stored);
    }

    /** Whether a stored value is sealed already, rather than clear as earlier versions wrote it. */
    public boolean isSealed(String stored) {
        return sealer.isSealed(stored);
    }

    private static String webhook(String id) {
        return "webhook:" + id;
    }

    private static String dkim(String domain) {
        return "dkim:" + domain;
    }
}
