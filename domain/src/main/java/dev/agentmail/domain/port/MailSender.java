package dev.agentmail.domain.port;

import dev.agentmail.domain.model.ComposedMail;
import dev.agentmail.domain.model.MailboxLocation;

import java.time.Instant;
import java.util.List;

/** Hands a composed message to the mail server: a copy into the sender's Sent folder, the message to the spool. */
public interface MailSender {
    /** Stores {@code mail}'s Sent copy, received at {@code at}. @return where it was stored */
    MailboxLocation storeSentCopy(String senderAddress, ComposedMail mail, Instant at);

    /** Hands the message to the spool, which delivers it to local inboxes and remote servers. */
    void enqueue(String senderAddress, ComposedMail mail, List<String> envelopeRecipients);
}
