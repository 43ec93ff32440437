package dev.agentmail.app;

import java.util.Optional;

/**
 * What the James configuration templates are rendered with: the platform domain, where SMTP, submission, IMAP and
 * WebAdmin listen, the largest message, and the relay for outbound mail (none: delivery by MX lookup).
 */
record JamesSettings(String domain, String bind, int smtpPort, int submissionPort, int imapPort, String adminBind,
                     int adminPort, long maxMessageBytes, Optional<RelaySettings> relay) {

    /** The address a local client connects to for a listener bound to {@code bind}. */
    String connectHost() {
        return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    }
}
