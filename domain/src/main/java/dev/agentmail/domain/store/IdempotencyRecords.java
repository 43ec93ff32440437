package dev.agentmail.domain.store;

import dev.agentmail.domain.model.IdempotencyRecord;

import java.time.Instant;
import java.util.Optional;

/**
 * The stored {@code Idempotency-Key}s of each organization. Every change is conditional, so that of two calls with one
 * key, on one node or on two, exactly one holds the claim: insert only where no record is, replace or answer only
 * what the caller's own token still holds.
 */
public interface IdempotencyRecords {
    /** Stores a new claim, unless a record holds its key already: @return whether it was stored */
    boolean claim(IdempotencyRecord claim);

    /** Replaces the record held by {@code expectedToken} (an expired record, a stale claim): @return whether it did */
    boolean reclaim(IdempotencyRecord claim, String expectedToken);

    Optional<IdempotencyRecord> find(String organizationId, String key);

    /** Stores the answer of the call holding {@code claimToken}: @return false when that claim is not held any more */
    boolean complete(String organizationId, String key, String claimToken, IdempotencyRecord.Answer answer);

    /** Removes the claim if {@code claimToken} still holds it, so that the key can be used again at once. */
    boolean release(String organizationId, String key, String claimToken);

    /** Forgets the records created before {@code cutoff}; @return how many */
    int forgetBefore(Instant cutoff);
}
