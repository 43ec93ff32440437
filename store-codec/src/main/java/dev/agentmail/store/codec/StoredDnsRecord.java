package dev.agentmail.store.codec;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.agentmail.domain.model.DnsRecord;

import java.util.Optional;

/**
 * {@link DnsRecord} as stored in a domain's list of records. Type and status are the enum constants' names, kept as
 * strings here so that renaming a constant fails on reading instead of changing the stored format unseen.
 */
record StoredDnsRecord(
    @JsonProperty(value = "type", required = true) String type,
    @JsonProperty(value = "name", required = true) String name,
    @JsonProperty(value = "value", required = true) String value,
    @JsonProperty(value = "priority", required = true) Integer priority,
    @JsonProperty(value = "status", required = true) String status) {

    static StoredDnsRecord of(DnsRecord record) {
        return new StoredDnsRecord(record.type().name(), record.name(), record.value(), record.priority().orElse(null),
            record.status().name());
    }

    /** @throws IllegalArgumentException or NullPointerException for a type or status this version does not know */
    DnsRecord toDomain() {
        return new DnsRecord(DnsRecord.Type.valueOf(type), name, value, Optional.ofNullable(priority),
            DnsRecord.Status.valueOf(status));
    }
}
