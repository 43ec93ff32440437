package dev.agentmail.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.agentmail.api.dto.DomainEventPayload;
import dev.agentmail.api.dto.DomainResponse;
import dev.agentmail.api.dto.DraftEventPayload;
import dev.agentmail.api.dto.DraftResponse;
import dev.agentmail.api.dto.MessageEventPayload;
import dev.agentmail.domain.model.Domain;
import dev.agentmail.domain.model.Draft;
import dev.agentmail.domain.model.EventType;
import dev.agentmail.domain.model.MessageEvent;
import dev.agentmail.domain.port.EventPayloads;

import java.time.Instant;

/** Event bodies in the API's own JSON, so a webhook shows a message exactly as GET does. */
public class JsonEventPayloads implements EventPayloads {
    @Override
    public String message(String eventId, Instant createdAt, MessageEvent event) {
        return write(MessageEventPayload.of(eventId, createdAt, event));
    }

    @Override
    public String domain(String eventId, Instant createdAt, Domain domain) {
        return write(new DomainEventPayload(eventId, EventType.DOMAIN_VERIFIED.wireName(), createdAt,
            DomainResponse.of(domain)));
    }

    @Override
    public String draft(String eventId, Instant createdAt, EventType type, Draft draft) {
        return write(new DraftEventPayload(eventId, type.wireName(), createdAt, DraftResponse.of(draft)));
    }

    static String write(Object payload) {
        try {
            return JsonMapper.get().writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event payloads are plain records", e);
        }
    }
}
