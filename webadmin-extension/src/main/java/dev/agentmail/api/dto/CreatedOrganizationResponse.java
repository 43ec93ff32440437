package dev.agentmail.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agentmail.domain.service.CreatedOrganization;
import dev.agentmail.domain.service.SendLimits;

import java.time.Instant;

/** The organization as GET /api/v0/organizations shows it, plus its first API key in full, shown once. */
public record CreatedOrganizationResponse(String orgId, String name, long inboxCount, int inboxLimit,
                                          long domainCount, int domainLimit,
                                          @JsonInclude(JsonInclude.Include.NON_NULL) SendLimitsBody sendLimits,
                                          @JsonInclude(JsonInclude.Include.NON_NULL) SendUsageResponse sendUsage,
                                          Instant createdAt, Instant updatedAt, String apiKey) {
    public static CreatedOrganizationResponse of(CreatedOrganization created, SendLimits.Status sending) {
        OrganizationResponse org = OrganizationResponse.of(created.organization(), sending);
        return new CreatedOrganizationResponse(org.orgId(), org.name(), org.inboxCount(), org.inboxLimit(),
            org.domainCount(), org.domainLimit(), org.sendLimits(), org.sendUsage(), org.createdAt(), org.updatedAt(),
            created.firstKey().secret());
    }
}
