package dev.agentmail.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmail.api.dto.ApiKeyResponse;
import dev.agentmail.api.dto.CreatedWebhookResponse;
import dev.agentmail.api.dto.DomainEventPayload;
import dev.agentmail.api.dto.MessageEventPayload;
import dev.agentmail.api.dto.WebhookDeliveryResponse;
import dev.agentmail.api.dto.WebhookRequests;
import dev.agentmail.api.dto.WebhookResponse;
import dev.agentmail.api.dto.AttachmentLinkResponse;
import dev.agentmail.api.dto.AttachmentResponse;
import dev.agentmail.api.dto.CreateDomainRequest;
import dev.agentmail.api.dto.CreateInboxRequest;
import dev.agentmail.api.dto.DomainResponse;
import dev.agentmail.api.dto.CreatedApiKeyResponse;
import dev.agentmail.api.dto.CreatedOrganizationResponse;
import dev.agentmail.api.dto.InboxResponse;
import dev.agentmail.api.dto.LabelsRequest;
import dev.agentmail.api.dto.MessageResponse;
import dev.agentmail.api.dto.MessageSummaryResponse;
import dev.agentmail.api.dto.CreateApiKeyRequest;
import dev.agentmail.api.dto.NameRequest;
import dev.agentmail.api.dto.OrganizationResponse;
import dev.agentmail.api.dto.PageResponse;
import dev.agentmail.api.dto.SendRequests;
import dev.agentmail.api.dto.ThreadResponse;
import dev.agentmail.api.dto.ThreadSummaryResponse;
import dev.agentmail.api.dto.V1Responses;
import dev.agentmail.api.resource.HealthResource;
import dev.agentmail.api.resource.OpenApiResource;
import dev.agentmail.domain.model.Authentication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The schemas of the OpenAPI document name exactly the fields the DTOs put on (and take from) the wire. */
class OpenApiSchemaTest {
    private static JsonNode document;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
            document = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void responseSchemasMatchTheResponseRecords() throws Exception {
        Map<Class<? extends Record>, String> responses = new LinkedHashMap<>();
        responses.put(OrganizationResponse.class, "Organization");
        responses.put(CreatedOrganizationResponse.class, "CreatedOrganization");
        responses.put(ApiKeyResponse.class, "ApiKey");
        responses.put(CreatedApiKeyResponse.class, "CreatedApiKey");
        responses.put(InboxResponse.class, "Inbox");
        responses.put(DomainResponse.class, "Domain");
        responses.put(DomainResponse.RecordResponse.class, "DnsRecord");
        responses.put(MessageSummaryResponse.class, "MessageSummary");
        responses.put(MessageResponse.class, "Message");
        responses.put(AttachmentResponse.class, "Attachment");
        responses.put(AttachmentLinkResponse.class, "AttachmentLink");
        responses.put(ThreadSummaryResponse.class, "ThreadSummary");
        responses.put(ThreadResponse.class, "Thread");
        responses.put(SendRequests.SentResponse.class, "SentMessage");
        responses.put(HealthResource.Health.class, "Health");
        responses.put(ApiError.class, "Error");
        responses.put(WebhookResponse.class, "Webhook");
        responses.put(CreatedWebhookResponse.class, "CreatedWebhook");
        responses.put(WebhookDeliveryResponse.class, "WebhookDelivery");
        responses.put(MessageEventPayload.class, "MessageEvent");
        responses.put(DomainEventPayload.class, "DomainEvent");
        responses.put(V1Responses.Inbox.class, "V1Inbox");
        responses.put(V1Responses.Message.class, "V1Message");
        responses.put(V1Responses.Sent.class, "V1Sent");
        responses.put(V1Responses.Code.class, "V1Code");
        responses.put(V1Responses.Done.class, "V1Done");
        responses.put(V1Responses.Failure.class, "V1Error");
        responses.put(Authentication.class, "Authentication");

        for (Map.Entry<Class<? extends Record>, String> response : responses.entrySet()) {
            Map<String, JsonNode> schema = properties(schema(response.getValue()));
            assertThat(serializedNames(response.getKey())).as(response.getValue())
                .isEqualTo(new TreeSet<>(schema.keySet()));
            checkTypes(response.getKey(), schema, response.getValue());
            assertThat(required(schema(response.getValue()))).as(response.getValue() + " required")
                .isSubsetOf(schema.keySet());
        }
    }

    @Test
    void pageSchemasMatchThePageRecord() throws Exception {
        Set<String> names = serializedNames(PageResponse.class);
        for (String page : List.of("ApiKeyPage", "InboxPage", "DomainPage", "MessageSummaryPage", "ThreadSummaryPage",
            "OrganizationPage", "WebhookPage", "WebhookDeliveryPage")) {
            assertThat(new TreeSet<>(properties(schema(page)).keySet())).as(page).isEqualTo(names);
            assertThat(required(schema(page))).as(page).containsExactlyInAnyOrderElementsOf(names);
        }
    }

    @Test
    void requestSchemasMatchTheRequestRecords() throws Exception {
        Map<String, Class<? extends Record>> requests = new LinkedHashMap<>();
        requests.put("CreateApiKeyRequest", CreateApiKeyRequest.class);
        requests.put("CreateOrganizationRequest", NameRequest.class);
        requests.put("CreateInboxRequest", CreateInboxRequest.class);
        requests.put("CreateDomainRequest", CreateDomainRequest.class);
        requests.put("LabelsRequest", LabelsRequest.class);
        requests.put("SendRequest", SendRequests.SendRequest.class);
        requests.put("ReplyRequest", SendRequests.ReplyRequest.class);
        requests.put("ForwardRequest", SendRequests.ForwardRequest.class);
        requests.put("OutgoingAttachment", SendRequests.AttachmentRequest.class);
        requests.put("CreateWebhookRequest", WebhookRequests.Create.class);
        requests.put("UpdateWebhookRequest", WebhookRequests.Update.class);

        for (Map.Entry<String, Class<? extends Record>> request : requests.entrySet()) {
            JsonNode schema = schema(request.getKey());
            assertThat(serializedNames(request.getValue())).as(request.getKey())
                .isEqualTo(new TreeSet<>(properties(schema).keySet()));
            assertThat(schema.path("additionalProperties").asBoolean(true))
                .as(request.getKey() + " refuses unknown fields, as the server does").isFalse();
        }
    }

    @Test
    void everyRequestExampleIsAcceptedByTheRecordItDocuments() throws Exception {
        Map<String, Class<?>> bodies = Map.of(
            "POST /api/v0/api-keys", CreateApiKeyRequest.class,
            "POST /api/v0/inboxes", CreateInboxRequest.class,
            "POST /api/v0/domains", CreateDomainRequest.class,
            "POST /api/v0/inboxes/{inboxId}/messages/send", SendRequests.SendRequest.class,
            "POST /api/v0/inboxes/{inboxId}/messages/{messageId}/reply", SendRequests.ReplyRequest.class,
            "POST /api/v0/inboxes/{inboxId}/messages/{messageId}/reply-all", SendRequests.ReplyRequest.class,
            "POST /api/v0/inboxes/{inboxId}/messages/{messageId}/forward", SendRequests.ForwardRequest.class,
            "PATCH /api/v0/inboxes/{inboxId}/messages/{messageId}", LabelsRequest.class,
            "POST /api/v0/webhooks", WebhookRequests.Create.class,
            "PATCH /api/v0/webhooks/{webhookId}", WebhookRequests.Update.class);
        for (Map.Entry<String, Class<?>> body : bodies.entrySet()) {
            String[] operation = body.getKey().split(" ");
            JsonNode media = document.path("paths").path(operation[1]).path(operation[0].toLowerCase())
                .path("requestBody").path("content").path("application/json");
            List<JsonNode> examples = new ArrayList<>();
            if (media.has("example")) {
                examples.add(media.get("example"));
            }
            media.path("examples").forEach(example -> examples.add(example.get("value")));
            assertThat(examples).as(body.getKey()).isNotEmpty();
            for (JsonNode example : examples) {
                assertThat(JsonMapper.get().treeToValue(example, body.getValue())).as(body.getKey()).isNotNull();
            }
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    /** Optional components may be null, so their schema says nullable; times are date-time strings. */
    private static void checkTypes(Class<? extends Record> type, Map<String, JsonNode> schema, String name) {
        Map<String, RecordComponent> byWireName = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            byWireName.put(snakeCase(component.getName()), component);
        }
        for (Map.Entry<String, RecordComponent> entry : byWireName.entrySet()) {
            JsonNode property = schema.get(entry.getKey());
            if (property == null) {
                continue;
            }
            RecordComponent component = entry.getValue();
            String where = name + "." + entry.getKey();
            if (component.getType() == Optional.class) {
                assertThat(property.path("nullable").asBoolean()).as(where + " is nullable").isTrue();
            }
            if (component.getType() == Instant.class || elementType(component.getGenericType()) == Instant.class) {
                assertThat(property.path("type").asText()).as(where).isEqualTo("string");
                assertThat(property.path("format").asText()).as(where).isEqualTo("date-time");
            }
            if (component.getType() == String.class) {
                assertThat(property.path("type").asText()).as(where).isEqualTo("string");
            }
            if (component.getType() == long.class || component.getType() == int.class) {
                assertThat(property.path("type").asText()).as(where).isEqualTo("integer");
            }
            if (List.class.isAssignableFrom(component.getType()) || Set.class.isAssignableFrom(component.getType())) {
                assertThat(property.path("type").asText()).as(where).isEqualTo("array");
            }
        }
    }

    private static Type elementType(Type type) {
        return type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length == 1
            ? parameterized.getActualTypeArguments()[0] : null;
    }

    private static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    private static Set<String> serializedNames(Class<? extends Record> type) throws Exception {
        JsonNode json = JsonMapper.get().valueToTree(valueOf(type));
        Set<String> names = new TreeSet<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** An instance with every component set, so that nothing is left out for being null. */
    private static Object sample(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = valueOf(components[i].getType());
        }
        var constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return constructor.newInstance(values);
    }

    private static Object valueOf(Class<?> type) throws Exception {
        if (type == String.class) {
            return "x";
        }
        if (type == long.class || type == Long.class) {
            return 1L;
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == Instant.class) {
            return Instant.EPOCH;
        }
        if (type == Optional.class) {
            return Optional.empty();
        }
        if (type == List.class) {
            return List.of();
        }
        if (type == Set.class) {
            return Set.of();
        }
        if (type == Map.class) {
            return Map.of();
        }
        if (type == Authentication.class) {
            // Its results are RFC 8601 names, not any text.
            return new Authentication("pass", "pass", "pass");
        }
        if (type.isRecord()) {
            return sample(type);
        }
        throw new IllegalArgumentException("no sample value for " + type);
    }

    private static JsonNode schema(String name) {
        JsonNode schema = document.path("components").path("schemas").path(name);
        assertThat(schema.isMissingNode()).as("schema " + name).isFalse();
        return schema;
    }

    /** The properties of a schema, through $ref and allOf. */
    private static Map<String, JsonNode> properties(JsonNode schema) {
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        JsonNode resolved = resolve(schema);
        for (JsonNode part : resolved.path("allOf")) {
            properties.putAll(properties(part));
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = resolved.path("properties").fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            properties.put(field.getKey(), resolve(field.getValue()));
        }
        return properties;
    }

    private static Set<String> required(JsonNode schema) {
        Set<String> required = new TreeSet<>();
        JsonNode resolved = resolve(schema);
        for (JsonNode part : resolved.path("allOf")) {
            required.addAll(required(part));
        }
        resolved.path("required").forEach(name -> required.add(name.asText()));
        return required;
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = document.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }
}
