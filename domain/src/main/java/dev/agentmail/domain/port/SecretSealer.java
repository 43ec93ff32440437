package dev.agentmail.domain.port;

/**
 * Keeps the secrets the server must read back (webhook signing secrets, custom domains' DKIM private keys) unreadable
 * at rest: the stores write what {@link #seal} makes and give the services what {@link #open} returns. A sealed value
 * is bound to its {@code context} (what it belongs to, such as {@code webhook:wh_...}), so it opens for that row only.
 */
public interface SecretSealer {
    String seal(String context, String secret);

    /**
     * The secret of a stored value. A value that is not sealed, as earlier versions stored it in clear, comes back as
     * it is (start-up seals those rows).
     *
     * @throws UnreadableSecretException when the value was sealed with another key or for another context, or altered
     */
    String open(String context, String stored);

    /** Whether {@code stored} is sealed, rather than a clear value an earlier version wrote. */
    boolean isSealed(String stored);

    /** A sealed value that this key cannot open; the message names the context, never the value. */
    class UnreadableSecretException extends RuntimeException {
        public UnreadableSecretException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
