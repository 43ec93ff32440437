package dev.agentmail.domain.port;

import dev.agentmail.domain.model.MailboxLocation;

import java.util.Set;

/** The mail server's side of indexed messages: their IMAP keywords, and their removal. */
public interface MailboxMessages {
    /** Makes {@code keywords} the message's user keywords, leaving system flags (\Seen, ...) alone. */
    void setKeywords(String emailAddress, MailboxLocation location, Set<String> keywords);

    /** The message as stored, for forwarding it whole. */
    byte[] read(String emailAddress, MailboxLocation location);

    /** Expunges the message; a message already gone is not an error. */
    void delete(String emailAddress, MailboxLocation location);
}
