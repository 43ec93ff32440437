package dev.agentmail.domain.service;

import java.security.PrivateKey;
import java.util.Objects;
import java.util.Optional;

/**
 * Operator settings for custom domains: what their owners must publish (MX host and priority, the SPF include, the
 * DKIM selector, where DMARC reports go), whether a domain may send before it is verified, and the platform domain's
 * own DKIM key, if any.
 */
public record DomainSettings(String mxHost, int mxPriority, String spfInclude, String dkimSelector,
                             Optional<String> dmarcRua, boolean allowUnverifiedSending,
                             Optional<PrivateKey> platformDkimKey) {
    public DomainSettings {
        Objects.requireNonNull(mxHost, "mxHost");
        Objects.requireNonNull(spfInclude, "spfInclude");
        Objects.requireNonNull(dkimSelector, "dkimSelector");
        Objects.requireNonNull(dmarcRua, "dmarcRua");
        Objects.requireNonNull(platformDkimKey, "platformDkimKey");
    }

    @Override
    public String toString() {
        return "DomainSettings[mxHost=" + mxHost + ", mxPriority=" + mxPriority + ", spfInclude=" + spfInclude
            + ", dkimSelector=" + dkimSelector + ", dmarcRua=" + dmarcRua + ", allowUnverifiedSending="
            + allowUnverifiedSending + ", platformDkimKey=" + (platformDkimKey.isPresent() ? "(set)" : "(none)") + "]";
    }
}
