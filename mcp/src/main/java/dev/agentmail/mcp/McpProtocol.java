package dev.agentmail.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmail.api.ApiError;
import dev.agentmail.api.ErrorMapping;
import dev.agentmail.api.JsonMapper;
import dev.agentmail.domain.access.CallerScope;

import javax.inject.Inject;
import javax.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The MCP methods a tools-only server answers: {@code initialize}, {@code ping}, {@code tools/list} and
 * {@code tools/call}. A tool's failure is a result with {@code isError}, worded as the REST API words it; only a
 * malformed request is a JSON-RPC error.
 */
@Singleton
public class McpProtocol {
    /** Newest first: what {@code initialize} answers when the client asks for a version it does not list. */
    public static final List<String> VERSIONS = List.of("2025-11-25", "2025-06-18");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String INSTRUCTIONS = "Email inboxes for agents. Create an inbox with create_inbox, give "
        + "its email_address wherever an address is asked for, then wait_for_code or wait_for_message to get what "
        + "arrives; read with list_messages and get_message, answer with reply. " + UntrustedContent.DESCRIPTION;

    private final Map<String, Tool> tools = new LinkedHashMap<>();
    private final ArrayNode toolList = JSON.arrayNode();

    @Inject
    public McpProtocol(Set<ToolSet> toolSets) {
        toolSets.stream().flatMap(set -> set.tools().stream()).forEach(tool -> {
            if (tools.putIfAbsent(tool.name(), tool) != null) {
                throw new IllegalStateException("two MCP tools are named " + tool.name());
            }
            toolList.add(describe(tool));
        });
    }

    /** The version both sides speak: the client's when we know it, else our newest (the client may then leave). */
    public static String negotiate(JsonNode params) {
        String requested = params == null ? null : params.path("protocolVersion").textValue();
        return requested != null && VERSIONS.contains(requested) ? requested : VERSIONS.get(0);
    }

    public ObjectNode initializeResult(String version) {
        ObjectNode result = JSON.objectNode().put("protocolVersion", version);
        result.putObject("capabilities").putObject("tools").put("listChanged", false);
        result.putObject("serverInfo").put("name", "agentmail").put("title", "AgentMail")
            .put("version", version());
        result.put("instructions", INSTRUCTIONS);
        return result;
    }

    /** Answers a request other than {@code initialize}; fails with {@link JsonRpc.Failure} for a malformed one. */
    public CompletableFuture<JsonNode> answer(String method, JsonNode params, String organizationId) {
        return switch (method) {
            case "ping" -> CompletableFuture.completedFuture(JSON.objectNode());
            case "tools/list" -> {
                ObjectNode result = JSON.objectNode();
                result.set("tools", toolList.deepCopy());
                yield CompletableFuture.completedFuture(result);
            }
            case "tools/call" -> call(params, organizationId);
            default -> throw new JsonRpc.Failure(JsonRpc.METHOD_NOT_FOUND, "method not found: " + method);
        };
    }

    private CompletableFuture<JsonNode> call(JsonNode params, String organizationId) {
        if (params == null || !params.path("name").isTextual()) {
            throw new JsonRpc.Failure(JsonRpc.INVALID_PARAMS, "tools/call needs the name of a tool");
        }
        Tool tool = tools.get(params.get("name").textValue());
        if (tool == null) {
            throw new JsonRpc.Failure(JsonRpc.INVALID_PARAMS, "unknown tool: " + params.get("name").textValue());
        }
        JsonNode arguments = params.get("arguments");
        if (arguments != null && !arguments.isObject() && !arguments.isNull()) {
            throw new JsonRpc.Failure(JsonRpc.INVALID_PARAMS, "the arguments of a tool call must be an object");
        }
        CompletableFuture<Tool.ToolOutput> output;
        try {
            CallerScope.require(tool.permission());
            output = tool.handler().call(new ToolCall(organizationId, arguments, UntrustedContent.newMarker()));
        } catch (Exception e) {
            output = CompletableFuture.failedFuture(e);
        }
        return output.handle((result, failure) -> failure == null ? success(result) : error(failure));
    }

    private static JsonNode success(Tool.ToolOutput output) {
        ObjectNode result = JSON.objectNode();
        result.putArray("content").addObject().put("type", "text").put("text", output.text());
        result.set("structuredContent", output.structured());
        result.put("isError", false);
        return result;
    }

    /** The API's error body, as text: the same code, message and field a REST call would have answered. */
    private static JsonNode error(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        ApiError error = ErrorMapping.toError(cause);
        String text;
        try {
            text = JsonMapper.get().writeValueAsString(error);
        } catch (Exception e) {
            text = error.message();
        }
        ObjectNode result = JSON.objectNode();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        result.put("isError", true);
        return result;
    }

    private static ObjectNode describe(Tool tool) {
        ObjectNode node = JSON.objectNode().put("name", tool.name()).put("title", tool.title())
            .put("description", tool.description());
        node.set("inputSchema", tool.input().json());
        node.set("outputSchema", tool.output().json());
        node.putObject("annotations").put("title", tool.title())
            .put("readOnlyHint", tool.hints().readOnly)
            .put("destructiveHint", tool.hints().destructive)
            .put("idempotentHint", tool.hints().idempotent)
            .put("openWorldHint", tool.hints().openWorld);
        return node;
    }

    private static String version() {
        String version = McpProtocol.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
