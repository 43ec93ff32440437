package dev.agentmail.api.dto;

import dev.agentmail.domain.model.DnsRecord;
import dev.agentmail.domain.model.Domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A domain as the API shows it; the DKIM private key is not part of it. */
public record DomainResponse(String domainId, String status, boolean feedbackEnabled, List<RecordResponse> records,
                             Instant createdAt, Instant updatedAt) {
    public record RecordResponse(String type, String name, String value, String status, Optional<Integer> priority) {
        static RecordResponse of(DnsRecord record) {
            return new RecordResponse(record.type().name(), record.name(), record.value(), record.status().name(),
                record.priority());
        }
    }

    public static DomainResponse of(Domain domain) {
        return new DomainResponse(domain.name(), domain.status().name(), domain.feedbackEnabled(),
            domain.records().stream().map(RecordResponse::of).toList(), domain.createdAt(), domain.updatedAt());
    }
}
