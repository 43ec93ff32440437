package dev.agentmail.domain.store;

/** The secrets a store keeps sealed (see {@link dev.agentmail.domain.port.SecretSealer}), as a whole. */
public interface SecretsAtRest {
    /**
     * Seals, in place, the webhook secrets and DKIM private keys that earlier versions stored in clear. Idempotent, and
     * safe beside writers: a row is changed only while it still holds the clear value read.
     *
     * @return how many values it sealed
     * @throws dev.agentmail.domain.port.SecretSealer.UnreadableSecretException when the values sealed already do not
     *                                                                          open: the key is not theirs
     */
    int sealClearSecrets();
}
