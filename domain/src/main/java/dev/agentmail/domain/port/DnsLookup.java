package dev.agentmail.domain.port;

import java.util.List;

/** The DNS queries a domain check needs. A name that does not exist, or has no record of the type, answers empty. */
public interface DnsLookup {
    record Mx(String host, int priority) {
    }

    /** Host names without the trailing dot. */
    List<Mx> mx(String name);

    /** Each record's strings joined, as RFC 7208 and RFC 6376 read them. */
    List<String> txt(String name);

    /** The resolver did not answer, or answered SERVFAIL: nothing can be concluded about the records. */
    class UnavailableException extends RuntimeException {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
