package dev.agentmail.domain.model;

import java.util.Objects;
import java.util.Optional;

/** A DNS record a domain's owner must publish ({@code value} is what it must say) and what a check last found. */
public record DnsRecord(Type type, String name, String value, Optional<Integer> priority, Status status) {
    public enum Type {
        MX, TXT
    }

    public enum Status {
        /** Nothing of the kind is published. */
        MISSING,
        /** A record of the kind is published, but says something else. */
        INVALID,
        VALID
    }

    public DnsRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(status, "status");
    }

    public DnsRecord withStatus(Status newStatus) {
        return new DnsRecord(type, name, value, priority, newStatus);
    }
}
