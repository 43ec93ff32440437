package dev.agentmail.domain.port;



/** The mail server's side of an inbox: the account SMTP delivers to and IMAP logs in to. */
public interface MailAccounts {
    /** Creates the account and its standard folders (INBOX, Sent). Must be idempotent. */
    void provision(String emailAddress);

    /** Adds the folders a person approves and rejects drafts with (Approved, Trash). Must be idempotent. */
    void provisionApprovalFolders(String emailAddress);

    /** Removes the account and all its folders and mail. Must be idempotent. */
    void remove(String emailAddress);
}
