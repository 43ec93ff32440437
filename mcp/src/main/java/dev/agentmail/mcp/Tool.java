package dev.agentmail.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmail.domain.model.Permission;

import java.util.concurrent.CompletableFuture;

/**
 * One MCP tool: what {@code tools/list} shows of it and what {@code tools/call} does, and the permission the caller's
 * key needs for it. Handlers call domain services and may throw their exceptions: {@link McpProtocol} words those
 * as error results, as the API would.
 */
public record Tool(String name, String title, String description, Schema input, Schema output, Hints hints,
                   Permission permission, Handler handler) {

    /** The behaviour hints of the specification's tool annotations. */
    public enum Hints {
        READ_ONLY(true, false, true, false),
        CREATES(false, false, false, false),
        CHANGES(false, false, true, false),
        DELETES(false, true, true, false),
        /** Mail leaves for the outside world. */
        SENDS(false, false, false, true);

        final boolean readOnly;
        final boolean destructive;
        final boolean idempotent;
        final boolean openWorld;

        Hints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {
            this.readOnly = readOnly;
            this.destructive = destructive;
            this.idempotent = idempotent;
            this.openWorld = openWorld;
        }
    }

    @FunctionalInterface
    public interface Handler {
        CompletableFuture<ToolOutput> call(ToolCall call) throws Exception;
    }

    /** A successful result: the structured content (matching the output schema) and its short text rendering. */
    public record ToolOutput(ObjectNode structured, String text) {
        public static CompletableFuture<ToolOutput> now(ObjectNode structured, String text) {
            return CompletableFuture.completedFuture(new ToolOutput(structured, text));
        }
    }
}
