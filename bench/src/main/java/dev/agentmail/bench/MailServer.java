package dev.agentmail.bench;

import java.util.List;

/** What the ingest benchmark needs of a server under test: mailboxes to load, and a count of what is visible. */
interface MailServer extends AutoCloseable {
    String name();

    int smtpPort();

    /** Creates the mailboxes; returns their addresses. */
    List<String> createMailboxes(int count) throws Exception;

    /** How many messages the mailbox of this address shows now. */
    long visible(String address) throws Exception;

    ServerProcess process();

    @Override
    void close() throws Exception;
}
