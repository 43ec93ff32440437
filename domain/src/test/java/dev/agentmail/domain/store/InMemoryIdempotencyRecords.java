package dev.agentmail.domain.store;

import dev.agentmail.domain.model.IdempotencyRecord;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A test double that obeys {@link IdempotencyRecordsContract}, for tests of the services. */
public class InMemoryIdempotencyRecords implements IdempotencyRecords {
    private record Key(String organizationId, String key) {
    }

    private final Map<Key, IdempotencyRecord> records = new HashMap<>();

    @Override
    public synchronized boolean claim(IdempotencyRecord claim) {
        return records.putIfAbsent(key(claim), claim) == null;
    }

    @Override
    public synchronized boolean reclaim(IdempotencyRecord claim, String expectedToken) {
        return held(key(claim), expectedToken) && records.put(key(claim), claim) != null;
    }

    @Override
    public synchronized Optional<IdempotencyRecord> find(String organizationId, String key) {
        return Optional.ofNullable(records.get(new Key(organizationId, key)));
    }

    @Override
    public synchronized boolean complete(String organizationId, String key, String claimToken,
                                         IdempotencyRecord.Answer answer) {
        Key id = new Key(organizationId, key);
        if (!held(id, claimToken)) {
            return false;
        }
        IdempotencyRecord claim = records.get(id);
        records.put(id, new IdempotencyRecord(organizationId, key, claim.fingerprint(), claimToken, claim.createdAt(),
            Optional.of(answer)));
        return true;
    }

    @Override
    public synchronized boolean release(String organizationId, String key, String claimToken) {
        Key id = new Key(organizationId, key);
        return held(id, claimToken) && records.remove(id) != null;
    }

    @Override
    public synchronized int forgetBefore(Instant cutoff) {
        int before = records.size();
        records.values().removeIf(record -> record.createdAt().isBefore(cutoff));
        return before - records.size();
    }

    private boolean held(Key id, String token) {
        IdempotencyRecord record = records.get(id);
        return record != null && record.claimToken().equals(token);
    }

    private static Key key(IdempotencyRecord record) {
        return new Key(record.organizationId(), record.key());
    }
}
