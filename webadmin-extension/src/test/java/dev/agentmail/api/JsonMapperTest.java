package dev.agentmail.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.agentmail.api.dto.ApiKeyResponse;
import dev.agentmail.api.dto.CreateDomainRequest;
import dev.agentmail.api.dto.CreateInboxRequest;
import dev.agentmail.api.dto.InboxResponse;
import dev.agentmail.api.dto.LabelsRequest;
import dev.agentmail.api.dto.NameRequest;
import dev.agentmail.api.dto.SendRequests.ForwardRequest;
import dev.agentmail.api.dto.SendRequests.ReplyRequest;
import dev.agentmail.api.dto.SendRequests.SendRequest;
import dev.agentmail.api.dto.V1Requests;
import dev.agentmail.api.dto.WebhookRequests;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API's JSON conventions, as the API reference shows them. */
class JsonMapperTest {
    private static final Instant CREATED = Instant.parse("2025-01-15T10:30:00Z");

    @Test
    void instantsAreUtcWithMillisecondsEvenWhenTheyAreZero() throws Exception {
        assertThat(JsonMapper.get().writeValueAsString(CREATED)).isEqualTo("\"2025-01-15T10:30:00.000Z\"");
        assertThat(JsonMapper.get().writeValueAsString(Instant.parse("2025-01-15T10:30:00.123456789Z")))
            .isEqualTo("\"2025-01-15T10:30:00.123Z\"");
    }

    @Test
    void optionalInstantsUseTheSameFormat() throws Exception {
        JsonNode key = JsonMapper.get().valueToTree(new ApiKeyResponse("key_1", "k", "inai_abc...", null, null,
            Optional.of(Instant.parse("2025-01-15T12:00:00.5Z")), CREATED));

        assertThat(key.get("used_at").asText()).isEqualTo("2025-01-15T12:00:00.500Z");
        assertThat(key.get("created_at").asText()).isEqualTo("2025-01-15T10:30:00.000Z");
    }

    @Test
    void fieldNamesAreSnakeCase() throws Exception {
        JsonNode inbox = JsonMapper.get().valueToTree(inbox(Optional.of("Agent One"), Optional.of("my-agent")));

        assertThat(fieldNames(inbox)).containsExactly("inbox_id", "email_address", "username", "domain",
            "display_name", "client_id", "created_at", "updated_at", "expires_at", "send_mode");
        assertThat(inbox.get("display_name").asText()).isEqualTo("Agent One");
        assertThat(inbox.get("client_id").asText()).isEqualTo("my-agent");
    }

    @Test
    void emptyOptionalsAreNullNotMissing() throws Exception {
        JsonNode inbox = JsonMapper.get().valueToTree(inbox(Optional.empty(), Optional.empty()));

        assertThat(inbox.has("display_name")).isTrue();
        assertThat(inbox.get("display_name").isNull()).isTrue();
        assertThat(inbox.get("client_id").isNull()).isTrue();
        assertThat(JsonMapper.get().writeValueAsString(inbox(Optional.empty(), Optional.empty())))
            .contains("\"display_name\":null", "\"client_id\":null");
    }

    @Test
    void errorBodiesLeaveOutAnAbsentField() throws Exception {
        assertThat(JsonMapper.get().writeValueAsString(ApiError.of(404, "not_found", "inbox 'x' not found")))
            .isEqualTo("{\"error\":\"not_found\",\"message\":\"inbox 'x' not found\",\"status\":404}");
        assertThat(JsonMapper.get().writeValueAsString(new ApiError("invalid_request", "m", 400, "username")))
            .isEqualTo("{\"error\":\"invalid_request\",\"message\":\"m\",\"status\":400,\"field\":\"username\"}");
    }

    @Test
    void requestsBindSnakeCaseNames() throws Exception {
        CreateInboxRequest request = JsonMapper.get().readValue(
            "{\"username\":\"agent-1\",\"domain\":\"d.com\",\"display_name\":\"Agent One\",\"client_id\":\"c\"}",
            CreateInboxRequest.class);

        assertThat(request).isEqualTo(new CreateInboxRequest("agent-1", "d.com", "Agent One", "c", null, null));
    }

    @Test
    void camelCaseNamesAreUnknownProperties() {
        assertThatThrownBy(() -> JsonMapper.get().readValue("{\"username\":\"a\",\"displayName\":\"x\"}",
            CreateInboxRequest.class))
            .isInstanceOf(UnrecognizedPropertyException.class);
    }

    @Test
    void unknownPropertiesAreRefused() {
        assertThatThrownBy(() -> JsonMapper.get().readValue("{\"name\":\"k\",\"nmae\":\"typo\"}", NameRequest.class))
            .isInstanceOfSatisfying(UnrecognizedPropertyException.class,
                e -> assertThat(e.getPropertyName()).isEqualTo("nmae"));
    }

    @Test
    void numbersAndBooleansAreNotTakenForText() {
        assertThatThrownBy(() -> JsonMapper.get().readValue("{\"name\":42}", NameRequest.class))
            .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> JsonMapper.get().readValue("{\"name\":4.2}", NameRequest.class))
            .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> JsonMapper.get().readValue("{\"name\":true}", NameRequest.class))
            .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> JsonMapper.get().readValue("{\"labels\":[\"a\",7]}", LabelsRequest.class))
            .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void objectsAreNotTakenForText() {
        assertThatThrownBy(() -> JsonMapper.get().readValue("{\"name\":{\"a\":1}}", NameRequest.class))
            .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> JsonMapper.get().readValue("{\"name\":[\"a\"]}", NameRequest.class))
            .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void aSingleAddressIsAcceptedWhereAListOfAddressesIsExpected() throws Exception {
        SendRequest single = JsonMapper.get().readValue(
            "{\"to\":\"a@b.com\",\"cc\":\"c@d.com\",\"bcc\":\"e@f.com\",\"reply_to\":\"g@h.com\"}", SendRequest.class);
        SendRequest many = JsonMapper.get().readValue("{\"to\":[\"a@b.com\",\"c@d.com\"]}", SendRequest.class);

        assertThat(single.to()).containsExactly("a@b.com");
        assertThat(single.cc()).containsExactly("c@d.com");
        assertThat(single.bcc()).containsExactly("e@f.com");
        assertThat(single.replyTo()).containsExactly("g@h.com");
        assertThat(many.to()).containsExactly("a@b.com", "c@d.com");
        assertThat(JsonMapper.get().readValue("{\"cc\":\"c@d.com\"}", ReplyRequest.class).cc()).containsExactly("c@d.com");
        ForwardRequest forward = JsonMapper.get().readValue("{\"to\":\"a@b.com\",\"cc\":\"c@d.com\"}", ForwardRequest.class);
        assertThat(forward.to()).containsExactly("a@b.com");
        assertThat(forward.cc()).containsExactly("c@d.com");
    }

    @Test
    void otherListsMustBeArrays() {
        for (Class<?> type : List.of(SendRequest.class, ReplyRequest.class, ForwardRequest.class, LabelsRequest.class)) {
            assertThatThrownBy(() -> JsonMapper.get().readValue("{\"labels\":\"str\"}", type)).as(type.getSimpleName())
                .isInstanceOf(MismatchedInputException.class);
        }
        assertThatThrownBy(() -> JsonMapper.get().readValue("{\"attachments\":{\"filename\":\"a\"}}", SendRequest.class))
            .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> JsonMapper.get().readValue("{\"event_types\":\"message.received\"}",
            WebhookRequests.Create.class)).isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> JsonMapper.get().readValue("{\"inbox_ids\":\"x\"}", WebhookRequests.Update.class))
            .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void wholeNumbersAreNotTakenFromFractionsOrText() throws Exception {
        for (String ttl : List.of("1.5", "1.0", "1e3", "\"60\"", "true")) {
            assertThatThrownBy(() -> JsonMapper.get().readValue("{\"ttl_seconds\":" + ttl + "}", CreateInboxRequest.class))
                .as(ttl).isInstanceOf(MismatchedInputException.class);
            assertThatThrownBy(() -> JsonMapper.get().readValue("{\"ttl_seconds\":" + ttl + "}", V1Requests.CreateInbox.class))
                .as(ttl).isInstanceOf(MismatchedInputException.class);
        }
        assertThat(JsonMapper.get().readValue("{\"ttl_seconds\":60}", CreateInboxRequest.class).ttlSeconds()).isEqualTo(60);
    }

    @Test
    void booleansAreNotTakenFromNumbersOrText() throws Exception {
        for (String enabled : List.of("1", "0", "\"true\"")) {
            assertThatThrownBy(() -> JsonMapper.get().readValue("{\"enabled\":" + enabled + "}", WebhookRequests.Update.class))
                .as(enabled).isInstanceOf(MismatchedInputException.class);
        }
        assertThat(JsonMapper.get().readValue("{\"feedback_enabled\":true}", CreateDomainRequest.class).feedbackEnabled())
            .isTrue();
    }

    private static InboxResponse inbox(Optional<String> displayName, Optional<String> clientId) {
        return new InboxResponse("nk8x2j", "agent-1@d.com", "agent-1", "d.com", displayName, clientId, CREATED,
            CREATED.plusMillis(1), Optional.empty(), "direct");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
