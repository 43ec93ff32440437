package dev.agentmail.james;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import javax.inject.Inject;

/**
 * The IMAP processor chain, with every command of a logged-in session first checking that the API key it
 * logged in with still exists: after the key is revoked the next command is refused and the connection closed.
 */
public class RevokedKeyImapProcessor implements ImapProcessor {
    private static final HumanReadableText REVOKED = new HumanReadableText("agentmail.imap.key.revoked",
        "The API key of this session has been revoked");

    private final ImapProcessor chain;
    private final ImapLoginGuard guard;
    private final StatusResponseFactory responses;

    @Inject
    public RevokedKeyImapProcessor(ForeignMailboxRefusal chain, ImapLoginGuard guard, StatusResponseFactory responses) {
        this.chain = chain;
        this.guard = guard;
        this.responses = responses;
    }

    @Override
    public Mono<Void> processReactive(ImapMessage message, Responder responder, ImapSession session) {
        if (session.getAttribute(ImapLoginGuard.SESSION_KEY) == null) {
            return chain.processReactive(message, responder, session);
        }
        // The check reads the key store: off the event loop.
        return Mono.fromCallable(() -> guard.revoked(session))
            .subscribeOn(Schedulers.boundedElastic())
            .flatMap(revoked -> revoked ? refuse(message, responder, session) : chain.processReactive(message, responder, session));
    }

    private Mono<Void> refuse(ImapMessage message, Responder responder, ImapSession session) {
        if (message instanceof ImapRequest request) {
            responder.respond(responses.taggedNo(request.getTag(), request.getCommand(), REVOKED,
                ImapResponseCodes.AUTHENTICATION_FAILED));
        }
        responder.respond(responses.bye(REVOKED));
        responder.flush();
        return session.logout();
    }

    @Override
    public void configure(ImapConfiguration configuration) {
        chain.configure(configuration);
    }
}
