package dev.agentmail.domain.model;

/** Where the mail server keeps a message: the mailbox's id and the message's IMAP UID in it. */
public record MailboxLocation(String mailboxId, long uid) {
}
