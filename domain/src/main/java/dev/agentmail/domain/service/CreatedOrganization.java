package dev.agentmail.domain.service;

/** An organization just made, with its first API key. */
public record CreatedOrganization(OrganizationUsage organization, CreatedApiKey firstKey) {
}
