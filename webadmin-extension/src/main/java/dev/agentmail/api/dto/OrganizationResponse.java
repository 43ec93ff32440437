package dev.agentmail.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.agentmail.domain.service.OrganizationUsage;
import dev.agentmail.domain.service.SendLimits;

import java.time.Instant;

/** An organization; its sending limits and usage are shown to itself, not in the operator's list. */
public record OrganizationResponse(String orgId, String name, long inboxCount, int inboxLimit, long domainCount,
                                   int domainLimit,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) SendLimitsBody sendLimits,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) SendUsageResponse sendUsage,
                                   Instant createdAt, Instant updatedAt) {
    public static OrganizationResponse of(OrganizationUsage usage) {
        return new OrganizationResponse(usage.organization().id(), usage.organization().name(), usage.inboxCount(),
            usage.inboxLimit(), usage.domainCount(), usage.domainLimit(), null, null, usage.organization().createdAt(),
            usage.organization().updatedAt());
    }

    public static OrganizationResponse of(OrganizationUsage usage, SendLimits.Status sending) {
        return new OrganizationResponse(usage.organization().id(), usage.organization().name(), usage.inboxCount(),
            usage.inboxLimit(), usage.domainCount(), usage.domainLimit(), SendLimitsBody.of(sending.limits()),
            SendUsageResponse.of(sending.organizationUsage()), usage.organization().createdAt(),
            usage.organization().updatedAt());
    }
}
