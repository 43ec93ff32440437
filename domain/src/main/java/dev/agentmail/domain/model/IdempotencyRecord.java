package dev.agentmail.domain.model;

import java.time.Instant;
import java.util.Optional;

/**
 * What an organization's {@code Idempotency-Key} holds: the fingerprint of the first request made with it, the
 * token of the call that claimed it, and once that call succeeded, its answer, which repeats of the request replay.
 */
public record IdempotencyRecord(String organizationId, String key, String fingerprint, String claimToken,
                                Instant createdAt, Optional<Answer> answer) {
    /** An answer as the caller received it: a status and the serialized body (JSON text). */
    public record Answer(int status, String body) {
    }

    public static IdempotencyRecord claim(String organizationId, String key, String fingerprint, String claimToken,
                                          Instant createdAt) {
        return new IdempotencyRecord(organizationId, key, fingerprint, claimToken, createdAt, Optional.empty());
    }

    /** Deliberately without the answer, which may hold secrets (a created API key). */
    @Override
    public String toString() {
        return "IdempotencyRecord[" + organizationId + ", created " + createdAt
            + (answer.isPresent() ? ", answered " + answer.get().status() : ", in progress") + "]";
    }
}
