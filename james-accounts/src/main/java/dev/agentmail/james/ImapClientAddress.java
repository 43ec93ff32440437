package dev.agentmail.james;

import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.util.MDCBuilder;
import org.slf4j.MDC;

import java.util.Optional;

/** The client's address of an IMAP session, as James records it for the connection's logging context. */
final class ImapClientAddress {
    // Set by James's ImapChannelUpstreamHandler when the connection opens (IMAPMDCContext.boundMDC).
    private static final String BOUND_MDC = "bound_MDC";

    private ImapClientAddress() {
    }

    static Optional<String> of(ImapSession session) {
        return Optional.ofNullable(session.getAttribute(BOUND_MDC))
            .filter(MDCBuilder.class::isInstance)
            .map(MDCBuilder.class::cast)
            .map(context -> context.execute(() -> MDC.get(MDCBuilder.IP)));
    }
}
