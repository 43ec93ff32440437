package dev.agentmail.domain.service;

import java.util.Locale;
import java.util.Objects;

/**
 * Operator settings the rules depend on: the platform mail domain, per-organization limits, size and URL policy.
 * {@code allowPrivateTargets}: whether URL fetches and webhook targets may be internal addresses (self-hosted setups, tests).
 */
public record PlatformSettings(String domain, int inboxLimit, int domainLimit, long maxMessageBytes,
                               boolean allowPrivateTargets) {
    public PlatformSettings {
        Objects.requireNonNull(domain, "domain");
        domain = domain.toLowerCase(Locale.ROOT);
        if (inboxLimit < 0 || domainLimit < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }
}
