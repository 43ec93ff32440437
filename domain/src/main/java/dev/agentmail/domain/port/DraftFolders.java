package dev.agentmail.domain.port;

import dev.agentmail.domain.model.MailboxLocation;

import java.time.Instant;

/**
 * The mail server's folders of drafts: Drafts, where a draft's message is kept with the \Draft flag, and for inboxes
 * in approval mode Approved and Trash, where a person moves a draft to approve or reject it.
 */
public interface DraftFolders {
    String DRAFTS = "Drafts";
    String APPROVED = "Approved";
    String TRASH = "Trash";

    /** Stores a draft's message in the inbox's Drafts folder (made if missing). @return where */
    MailboxLocation store(String emailAddress, byte[] message, Instant at);
}
