package dev.agentmail.api.dto;

import dev.agentmail.domain.service.OrganizationUsage;

import java.time.Instant;

public record OrganizationResponse(String orgId, String name, long inboxCount, int inboxLimit, long domainCount,
                                   int domainLimit, Instant createdAt, Instant updatedAt) {
    public static OrganizationResponse of(OrganizationUsage usage) {
        return new OrganizationResponse(usage.organization().id(), usage.organization().name(), usage.inboxCount(),
            usage.inboxLimit(), usage.domainCount(), usage.domainLimit(), usage.organization().createdAt(),
            usage.organization().updatedAt());
    }
}
