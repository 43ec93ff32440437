package dev.agentmail.domain.store;

import dev.agentmail.domain.model.SendLimit;

import java.util.Map;

/** The limits an operator set for one organization instead of the deployment's defaults (0: no limit). */
public interface SendLimitOverrides {
    /** @return the organization's overrides, empty when it has none */
    Map<SendLimit, Integer> of(String organizationId);

    /** Replaces the organization's overrides with these; an empty map removes them all. */
    void replace(String organizationId, Map<SendLimit, Integer> overrides);
}
