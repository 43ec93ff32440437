package dev.agentmail.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentmail.api.JsonMapper;

/**
 * One call of a tool on behalf of an organization. Arguments are read with the API's own JSON conventions (snake
 * case, unknown fields refused, no guessing at types), so a mistake is worded exactly as the API words it.
 */
public record ToolCall(String organizationId, JsonNode arguments, UntrustedContent untrusted) {
    public ToolCall {
        if (arguments == null || arguments.isNull()) {
            arguments = JsonNodeFactory.instance.objectNode();
        }
    }

    public <T> T arguments(Class<T> type) throws JsonProcessingException {
        return JsonMapper.get().treeToValue(arguments, type);
    }
}
