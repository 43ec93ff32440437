package dev.agentmail.domain.service;

import dev.agentmail.domain.error.ConflictException;
import dev.agentmail.domain.error.IdempotencyConflictException;
import dev.agentmail.domain.error.InvalidInputException;
import dev.agentmail.domain.model.IdempotencyRecord;
import dev.agentmail.domain.model.IdempotencyRecord.Answer;
import dev.agentmail.domain.store.IdempotencyRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The rules of idempotent requests, whatever carries them (the REST API's {@code Idempotency-Key}, an MCP tool's
 * {@code idempotency_key}). The first call with a key claims it in {@link IdempotencyRecords}, runs, and stores its
 * answer; a repeat with the same fingerprint within {@link #RETENTION} gets that answer, one with another fingerprint
 * is refused. A repeat while the first call still runs waits for its answer. Failed calls store nothing: the claim is
 * released, so a retry runs again. A claim whose call never finished (its node died) is taken over after
 * {@link #STALE_CLAIM}; only then can a call run twice, when the dead node had sent before it died.
 * <p>
 * Answers may hold secrets (a created API key's), so none is stored readable: the store holds a hash of the key, and
 * the answer encrypted (AES-GCM) with a key derived from the organization and the Idempotency-Key, which only the
 * caller has.
 */
public class IdempotentRequests {
    private static final Logger LOGGER = LoggerFactory.getLogger(IdempotentRequests.class);
    public static final int MAX_KEY_LENGTH = 255;
    public static final Duration RETENTION = Duration.ofHours(24);
    static final Duration STALE_CLAIM = Duration.ofMinutes(5);
    static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 50;

    private final IdempotencyRecords records;
    private final Clock clock;
    private final Duration staleClaim;
    private final Duration waitForFirst;

    @Inject
    public IdempotentRequests(IdempotencyRecords records, Clock clock) {
        this(records, clock, STALE_CLAIM, WAIT_FOR_FIRST);
    }

    IdempotentRequests(IdempotencyRecords records, Clock clock, Duration staleClaim, Duration waitForFirst) {
        this.records = records;
        this.clock = clock;
        this.staleClaim = staleClaim;
        this.waitForFirst = waitForFirst;
    }

    /** What a call with a key does: run, holding the claim, or answer what the first call answered. */
    public sealed interface Start {
    }

    public record Run(Claim claim) implements Start {
    }

    public record Replay(Answer answer) implements Start {
    }

    /** The right to run the call once, until {@link #finish} or {@link #abandon}; {@code key} is the caller's. */
    public record Claim(String organizationId, String key, String token) {
        String storedKey() {
            return IdempotentRequests.storedKey(key);
        }

        @Override
        public String toString() {
            return "Claim[" + organizationId + "]";
        }
    }

    /**
     * @param field the name of the key in the caller's terms, for the error about a malformed key
     * @return the key, when it is 1 to 255 printable ASCII characters
     */
    public static String validKey(String field, String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH
            || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new InvalidInputException(field, field + " must be 1 to " + MAX_KEY_LENGTH
                + " printable ASCII characters");
        }
        return key;
    }

    /** The SHA-256 of the request's canonical parts (method, route, body...), each length-prefixed: no two lists alike. */
    public static String fingerprint(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** What the store keeps of a key: its hash, so that keys, which callers may make meaningful, are not readable. */
    static String storedKey(String key) {
        return fingerprint("Idempotency-Key", key);
    }

    /**
     * Claims the key for this call, or finds the first call's answer, waiting while that call runs.
     *
     * @throws IdempotencyConflictException when the key was used for a request with another fingerprint
     * @throws ConflictException when the first call is still running after the wait
     */
    public Start start(String organizationId, String key, String fingerprint) {
        Instant deadline = clock.instant().plus(waitForFirst);
        String storedKey = storedKey(key);
        while (true) {
            Instant now = clock.instant();
            IdempotencyRecord claim = IdempotencyRecord.claim(organizationId, storedKey, fingerprint,
                UUID.randomUUID().toString(), now);
            Claim mine = new Claim(organizationId, key, claim.claimToken());
            if (records.claim(claim)) {
                return new Run(mine);
            }
            Optional<IdempotencyRecord> found = records.find(organizationId, storedKey);
            if (found.isEmpty()) {
                continue; // released between our insert and our read: try again
            }
            IdempotencyRecord held = found.get();
            if (held.createdAt().isBefore(now.minus(RETENTION))) {
                if (records.reclaim(claim, held.claimToken())) {
                    return new Run(mine);
                }
                continue;
            }
            if (!held.fingerprint().equals(fingerprint)) {
                throw new IdempotencyConflictException("this Idempotency-Key was already used for a different request"
                    + " within the last " + RETENTION.toHours() + " hours");
            }
            if (held.answer().isPresent()) {
                Answer sealed = held.answer().get();
                return new Replay(new Answer(sealed.status(), AnswerSeal.open(organizationId, key, sealed.body())));
            }
            if (held.createdAt().isBefore(now.minus(staleClaim))) {
                if (records.reclaim(claim, held.claimToken())) {
                    LOGGER.warn("Took over an idempotency claim of organization {} left unfinished since {}",
                        organizationId, held.createdAt());
                    return new Run(mine);
                }
                continue;
            }
            if (now.isAfter(deadline)) {
                throw new ConflictException("a request with this Idempotency-Key is still in progress: retry later");
            }
            pause();
        }
    }

    /** Stores the answer for the repeats of the call. */
    public void finish(Claim claim, Answer answer) {
        Answer sealed = new Answer(answer.status(), AnswerSeal.seal(claim.organizationId(), claim.key(), answer.body()));
        if (!records.complete(claim.organizationId(), claim.storedKey(), claim.token(), sealed)) {
            LOGGER.warn("An idempotent call of organization {} finished after its claim was taken over",
                claim.organizationId());
        }
    }

    /** The call failed: forget it, so that a retry runs again. */
    public void abandon(Claim claim) {
        records.release(claim.organizationId(), claim.storedKey(), claim.token());
    }

    /** Runs {@code work} once per key and fingerprint, its answer stored when it returns, released when it throws. */
    public Answer call(String organizationId, String key, String fingerprint, Supplier<Answer> work) {
        Start start = start(organizationId, key, fingerprint);
        if (start instanceof Replay replay) {
            return replay.answer();
        }
        Claim claim = ((Run) start).claim();
        Answer answer;
        try {
            answer = work.get();
        } catch (RuntimeException | Error e) {
            abandon(claim);
            throw e;
        }
        finish(claim, answer);
        return answer;
    }

    /** Forgets the keys older than {@link #RETENTION}; @return how many */
    public int forgetExpired() {
        return records.forgetBefore(clock.instant().minus(RETENTION));
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConflictException("a request with this Idempotency-Key is still in progress: retry later");
        }
    }
}
