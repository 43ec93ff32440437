package dev.agentmail.james;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.main.DeniedAccessOnSharedMailboxException;
import org.apache.james.imap.processor.DefaultProcessor;
import reactor.core.publisher.Mono;

import javax.inject.Inject;

/**
 * James's IMAP processor chain, with a command that names a mailbox outside the user's own namespace (another user's,
 * {@code #user.someone@example.com.INBOX}, or a shared one) answered with a tagged {@code NO [NOPERM]}. James 3.8.1
 * refuses such names by throwing while it builds the command's reply, before its own handler is in place: the failure
 * escapes to the connection handler, which logs a stack trace, and the client never gets an answer.
 */
public class ForeignMailboxRefusal implements ImapProcessor {
    private final ImapProcessor chain;
    private final StatusResponseFactory responses;

    @Inject
    public ForeignMailboxRefusal(DefaultProcessor chain, StatusResponseFactory responses) {
        this.chain = chain;
        this.responses = responses;
    }

    @Override
    public Mono<Void> processReactive(ImapMessage message, Responder responder, ImapSession session) {
        return Mono.defer(() -> chain.processReactive(message, responder, session))
            .onErrorResume(DeniedAccessOnSharedMailboxException.class, denied -> {
                if (!(message instanceof ImapRequest request)) {
                    return Mono.error(denied);
                }
                responder.respond(responses.taggedNo(request.getTag(), request.getCommand(),
                    HumanReadableText.DENIED_SHARED_MAILBOX, ImapResponseCodes.NO_PERMISSION));
                responder.flush();
                return Mono.empty();
            });
    }

    @Override
    public void configure(ImapConfiguration configuration) {
        chain.configure(configuration);
    }
}
