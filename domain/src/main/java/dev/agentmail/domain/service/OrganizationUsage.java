package dev.agentmail.domain.service;

import dev.agentmail.domain.model.Organization;

/** An organization with what it uses and what it may use. */
public record OrganizationUsage(Organization organization, long inboxCount, int inboxLimit,
                                long domainCount, int domainLimit) {
}
