package dev.agentmail.domain.model;

/** Whether mail from a domain may leave now; each transport words a refusal its own way. */
public enum SenderPermission {
    ALLOWED,
    /** A custom domain whose DNS records have not been verified yet. */
    DOMAIN_NOT_VERIFIED
}
