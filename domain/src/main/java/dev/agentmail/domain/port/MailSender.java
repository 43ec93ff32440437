package dev.agentmail.domain.port;

import dev.agentmail.domain.model.ComposedMail;
import dev.agentmail.domain.model.MailboxLocation;

import java.util.List;

/** Hands a composed message to the mail server: a copy into the sender's Sent folder, the message to the spool. */
public interface MailSender {
    /** @return where the Sent copy was stored */
    MailboxLocation send(String senderAddress, ComposedMail mail, List<String> envelopeRecipients);
}
