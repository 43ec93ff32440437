package dev.agentmail.domain.port;



/** The mail server's list of the domains it receives mail for. */
public interface MailDomains {
    /** Must be idempotent. */
    void add(String domain);

    /** Must be idempotent. */
    void remove(String domain);
}
