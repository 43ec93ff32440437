package dev.agentmail.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A custom mail domain of one organization. Its id is its name, lower-case, IDNs in their A-label form
 * ({@code xn--...}). {@code records} are the DNS records its owner must publish, each with what the last check found.
 */
public record Domain(String name, String organizationId, Status status, boolean feedbackEnabled,
                     List<DnsRecord> records, DkimKey dkimKey, Instant createdAt, Instant updatedAt) {
    public enum Status {
        PENDING, VERIFIED
    }

    public Domain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(status, "status");
        records = List.copyOf(records);
        Objects.requireNonNull(dkimKey, "dkimKey");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public boolean verified() {
        return status == Status.VERIFIED;
    }

    public Domain withVerification(Status newStatus, List<DnsRecord> newRecords, Instant now) {
        return new Domain(name, organizationId, newStatus, feedbackEnabled, newRecords, dkimKey, createdAt, now);
    }
}
