package dev.agentmail.domain.model;

import java.util.Arrays;
import java.util.Optional;

/** What an API key may do; a key made without a list of permissions may do all of it. */
public enum Permission {
    /** Messages, threads, attachments, drafts and events. */
    READ("read"),
    SEND("send"),
    MANAGE_INBOXES("manage_inboxes"),
    MANAGE_KEYS("manage_keys"),
    MANAGE_WEBHOOKS("manage_webhooks"),
    MANAGE_DOMAINS("manage_domains"),
    MANAGE_LISTS("manage_lists"),
    APPROVE_DRAFTS("approve_drafts");

    private final String wireName;

    Permission(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Permission> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(permission -> permission.wireName.equals(wireName)).findFirst();
    }
}
