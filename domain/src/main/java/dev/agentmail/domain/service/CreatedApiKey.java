package dev.agentmail.domain.service;

import dev.agentmail.domain.model.ApiKey;

/** A key just made: the only moment its secret exists outside the caller's hands. */
public record CreatedApiKey(ApiKey apiKey, String secret) {
}
