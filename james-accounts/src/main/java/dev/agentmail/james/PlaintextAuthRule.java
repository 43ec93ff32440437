package dev.agentmail.james;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a password (an API key) may be sent on a connection that is not encrypted: by default only from
 * loopback, where nothing can overhear it; {@code AGENTMAIL_ALLOW_PLAINTEXT_AUTH} widens or closes that.
 */
public enum PlaintextAuthRule {
    EVERYWHERE, LOOPBACK_ONLY, NOWHERE;

    /** From the setting's value: {@code true}, {@code false}, or unset for the default. */
    public static PlaintextAuthRule of(Optional<Boolean> allowPlaintext) {
        return allowPlaintext.map(allowed -> allowed ? EVERYWHERE : NOWHERE).orElse(LOOPBACK_ONLY);
    }

    public boolean permits(boolean encrypted, InetAddress client) {
        return encrypted || this == EVERYWHERE || (this == LOOPBACK_ONLY && client != null && client.isLoopbackAddress());
    }

    /** For protocols that know the client only by its textual address. */
    public boolean permits(boolean encrypted, Optional<String> clientIp) {
        return permits(encrypted, clientIp.flatMap(PlaintextAuthRule::literal).orElse(null));
    }

    private static Optional<InetAddress> literal(String ip) {
        String value = ip.trim().toLowerCase(Locale.ROOT);
        // Only address literals: never resolve a name here.
        if (!value.matches("[0-9a-f:.%\\[\\]]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(value.replace("[", "").replace("]", "")));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
