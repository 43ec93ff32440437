package dev.agentmail.api.dto;

import dev.agentmail.domain.service.CreatedOrganization;

import java.time.Instant;

/** The organization as GET /api/v0/organizations shows it, plus its first API key in full, shown once. */
public record CreatedOrganizationResponse(String orgId, String name, long inboxCount, int inboxLimit,
                                          long domainCount, int domainLimit, Instant createdAt, Instant updatedAt,
                                          String apiKey) {
    public static CreatedOrganizationResponse of(CreatedOrganization created) {
        OrganizationResponse org = OrganizationResponse.of(created.organization());
        return new CreatedOrganizationResponse(org.orgId(), org.name(), org.inboxCount(), org.inboxLimit(),
            org.domainCount(), org.domainLimit(), org.createdAt(), org.updatedAt(), created.firstKey().secret());
    }
}
