package dev.agentmail.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmail.domain.access.CallerScope;
import dev.agentmail.domain.error.NotFoundException;
import dev.agentmail.domain.model.KeyScope;
import dev.agentmail.domain.model.Permission;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class McpProtocolTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final McpProtocol protocol = new McpProtocol(Set.of(() -> List.of(
        new Tool("echo", "Echo", "Answers its text, or fails as a missing inbox with text 'missing'.",
            Schema.object().required("text", Schema.string("what to answer")),
            Schema.object().required("text", Schema.string("the same")), Tool.Hints.READ_ONLY, Permission.READ,
            call -> {
                String text = call.arguments().path("text").asText();
                if (text.equals("missing")) {
                    throw new NotFoundException("inbox", "inb_x");
                }
                return Tool.ToolOutput.now(JSON.objectNode().put("text", text), text);
            }))));

    @Test
    void versionsAreNegotiatedAsTheSpecificationSays() {
        assertThat(McpProtocol.negotiate(JSON.objectNode().put("protocolVersion", "2025-06-18"))).isEqualTo("2025-06-18");
        assertThat(McpProtocol.negotiate(JSON.objectNode().put("protocolVersion", "2025-11-25"))).isEqualTo("2025-11-25");
        assertThat(McpProtocol.negotiate(JSON.objectNode().put("protocolVersion", "2024-11-05"))).isEqualTo("2025-11-25");
        assertThat(McpProtocol.negotiate(null)).isEqualTo("2025-11-25");
    }

    @Test
    void aToolsFailureIsAnErrorResultWithTheApisWords() {
        JsonNode result = call("missing");
        assertThat(result.get("isError").asBoolean()).isTrue();
        assertThat(result.has("structuredContent")).isFalse();
        assertThat(result.at("/content/0/text").asText())
            .isEqualTo("{\"error\":\"not_found\",\"message\":\"inbox 'inb_x' not found\",\"status\":404}");
    }

    @Test
    void aToolNeedsItsPermissionOfTheKey() {
        KeyScope sendOnly = new KeyScope(Optional.empty(), Optional.of(Set.of(Permission.SEND)));

        JsonNode result = CallerScope.with(sendOnly, () -> call("hello"));

        assertThat(result.get("isError").asBoolean()).isTrue();
        assertThat(result.at("/content/0/text").asText()).isEqualTo("{\"error\":\"forbidden\","
            + "\"message\":\"this API key lacks the 'read' permission\",\"status\":403}");
    }

    @Test
    void aSuccessHasStructuredContentAndText() {
        JsonNode result = call("hello");
        assertThat(result.get("isError").asBoolean()).isFalse();
        assertThat(result.at("/structuredContent/text").asText()).isEqualTo("hello");
        assertThat(result.at("/content/0/text").asText()).isEqualTo("hello");
    }

    @Test
    void anUnknownToolOrMethodIsAProtocolError() {
        ObjectNode params = JSON.objectNode().put("name", "nope");
        assertThatThrownBy(() -> protocol.answer("tools/call", params, "org_a"))
            .isInstanceOfSatisfying(JsonRpc.Failure.class, failure -> assertThat(failure.code).isEqualTo(JsonRpc.INVALID_PARAMS));
        assertThatThrownBy(() -> protocol.answer("resources/list", null, "org_a"))
            .isInstanceOfSatisfying(JsonRpc.Failure.class, failure -> assertThat(failure.code).isEqualTo(JsonRpc.METHOD_NOT_FOUND));
    }

    private JsonNode call(String text) {
        ObjectNode params = JSON.objectNode().put("name", "echo");
        params.putObject("arguments").put("text", text);
        return protocol.answer("tools/call", params, "org_a").join();
    }
}
