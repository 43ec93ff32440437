package dev.agentmail.mcp.tools;

import dev.agentmail.domain.model.PageRequest;
import dev.agentmail.mcp.Schema;

/** Input properties many tools share, described once. */
final class Inputs {
    private Inputs() {
    }

    static Schema inboxId() {
        return Schema.string("the inbox's id (inbox_id from list_inboxes or create_inbox)").minLength(1);
    }

    static Schema messageId() {
        return Schema.string("the message's id (message_id)").minLength(1);
    }

    static Schema page() {
        return Schema.integer("the page, from 1 (default 1)", 1, PageRequest.MAX_PAGE);
    }

    static Schema pageSize() {
        return Schema.integer("items per page (default " + PageRequest.DEFAULT_PAGE_SIZE + ")", 1,
            PageRequest.MAX_PAGE_SIZE);
    }

    static PageRequest page(Integer page, Integer pageSize) {
        return new PageRequest(page == null ? 1 : page, pageSize == null ? PageRequest.DEFAULT_PAGE_SIZE : pageSize);
    }
}
