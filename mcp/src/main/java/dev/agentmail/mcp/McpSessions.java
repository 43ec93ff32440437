package dev.agentmail.mcp;

import javax.inject.Inject;
import javax.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code Mcp-Session-Id} sessions of this node. A session belongs to the organization whose key opened it: under
 * another organization's key it is unknown. It ends when the client deletes it or after {@link #IDLE_TIMEOUT} unused;
 * a client then gets 404 and, as the specification asks of it, opens a new one.
 */
@Singleton
public class McpSessions {
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
    /** Beyond this many open sessions an organization's least recently used one is closed. */
    static final int MAX_PER_ORGANIZATION = 1_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Session(String id, String organizationId, String protocolVersion) {
    }

    private record Entry(Session session, Instant lastUsed) {
    }

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    @Inject
    public McpSessions(Clock clock) {
        this.clock = clock;
    }

    public Session open(String organizationId, String protocolVersion) {
        Instant now = clock.instant();
        sessions.values().removeIf(entry -> expired(entry, now));
        var ofOrganization = sessions.values().stream()
            .filter(entry -> entry.session().organizationId().equals(organizationId)).toList();
        if (ofOrganization.size() >= MAX_PER_ORGANIZATION) {
            ofOrganization.stream().min(Comparator.comparing(Entry::lastUsed))
                .ifPresent(oldest -> sessions.remove(oldest.session().id()));
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        Session session = new Session(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), organizationId,
            protocolVersion);
        sessions.put(session.id(), new Entry(session, now));
        return session;
    }

    /** The open session of that id and organization, marked as used now. */
    public Optional<Session> use(String id, String organizationId) {
        Entry entry = sessions.get(id);
        if (entry == null || !entry.session().organizationId().equals(organizationId)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(entry, now)) {
            sessions.remove(id, entry);
            return Optional.empty();
        }
        sessions.replace(id, entry, new Entry(entry.session(), now));
        return Optional.of(entry.session());
    }

    public boolean close(String id, String organizationId) {
        Entry entry = sessions.get(id);
        return entry != null && entry.session().organizationId().equals(organizationId) && sessions.remove(id, entry);
    }

    private static boolean expired(Entry entry, Instant now) {
        return !entry.lastUsed().plus(IDLE_TIMEOUT).isAfter(now);
    }
}
