package dev.agentmail.domain.model;

import java.time.Instant;

/** Something that happened to a message, told to whoever listens: webhooks, waiting API calls. */
public record MessageEvent(Type type, StoredMessage message, Instant at) {
    public enum Type {
        RECEIVED("message.received"), SENT("message.sent");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
