package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input of every kind answers the one JSON error shape with a 4xx, never a stack trace or HTML. */
class ErrorShapeTest {
    private static ApiClient api;

    @BeforeAll
    static void startServer() {
        api = TestServers.shared().api(TestServers.BOOTSTRAP_KEY);
    }

    private static void assertError(ApiClient.Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = reply.json();
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(reply.body()).doesNotContain("Exception", "at dev.", "at org.");
    }

    @Test
    void malformedJson() {
        assertError(api.post("/api/v0/inboxes", "{\"username\": "), 400, "invalid_json");
        assertError(api.post("/api/v0/inboxes", "[1,2]"), 400, "invalid_json");
        assertError(api.post("/api/v0/inboxes", "\"text\""), 400, "invalid_json");
        assertError(api.post("/api/v0/inboxes", ""), 400, "invalid_json");
    }

    @Test
    void unknownRoutesAndMethods() {
        assertError(api.get("/api/v0/nothing-here"), 404, "not_found");
        assertError(api.get("/api/v0/inboxes/unknown-inbox-id"), 404, "not_found");
        assertError(api.send(api.request("/api/v0/organizations").DELETE()), 405, "method_not_allowed");
    }

    @Test
    void wrongContentType() {
        assertError(api.send(api.request("/api/v0/inboxes").header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("username=x"))), 415, "unsupported_media_type");
    }

    @Test
    void outOfRangePagination() {
        for (String query : new String[] {"page=0", "page=-1", "page_size=0", "page_size=101", "page=abc",
            "page_size=1e3", "page=99999999999"}) {
            assertError(api.get("/api/v0/inboxes?" + query), 400, "invalid_request");
            assertError(api.get("/api/v0/api-keys?" + query), 400, "invalid_request");
        }
        assertThat(api.get("/api/v0/inboxes?page_size=100").status()).isEqualTo(200);
    }

    @Test
    void aFractionIsNoWholeNumberAndALoneStringNoList() {
        assertError(api.post("/api/v0/inboxes", "{\"username\":\"loose-ttl\",\"ttl_seconds\":1.5}"), 400, "invalid_request");
        assertError(api.post("/api/v0/inboxes", "{\"username\":\"loose-ttl\",\"ttl_seconds\":\"60\"}"), 400, "invalid_request");
        ApiClient.Reply v1 = api.post("/api/v1/inboxes", "{\"username\":\"loose-ttl\",\"ttl_seconds\":1.5}");
        assertThat(v1.status()).isEqualTo(400);
        assertThat(v1.json().get("success").asBoolean(true)).isFalse();
        assertThat(api.get("/api/v0/inboxes?page_size=100").json().get("data").findValuesAsText("username"))
            .doesNotContain("loose-ttl");

        ApiClient.Reply created = api.post("/api/v0/inboxes", "{\"username\":\"loose-" + System.nanoTime() + "\"}");
        String messages = "/api/v0/inboxes/" + created.json().get("inbox_id").asText() + "/messages";
        String sent = api.post(messages + "/send", "{\"to\":\"a@example.com\",\"subject\":\"s\",\"text\":\"t\"}")
            .json().get("message_id").asText();
        JsonNode labels = api.get(messages + "/" + sent).json().get("labels");
        assertLabelsRefused(api.post(messages + "/send", "{\"to\":\"a@example.com\",\"text\":\"t\",\"labels\":\"str\"}"));
        assertLabelsRefused(api.post(messages + "/" + sent + "/reply", "{\"text\":\"t\",\"labels\":\"str\"}"));
        assertLabelsRefused(api.post(messages + "/" + sent + "/reply-all", "{\"text\":\"t\",\"labels\":\"str\"}"));
        assertLabelsRefused(api.post(messages + "/" + sent + "/forward", "{\"to\":\"b@example.com\",\"labels\":\"str\"}"));
        assertLabelsRefused(api.patch(messages + "/" + sent, "{\"labels\":\"str\"}"));
        assertThat(api.get(messages + "/" + sent).json().get("labels")).isEqualTo(labels);
        assertThat(api.get(messages + "?page_size=100").json().get("data").findValuesAsText("direction"))
            .containsOnlyOnce("outbound");
    }

    private static void assertLabelsRefused(ApiClient.Reply reply) {
        assertError(reply, 400, "invalid_request");
        assertThat(reply.json().get("field").asText()).isEqualTo("labels");
    }

    @Test
    void oversizedFieldsAreRefused() {
        assertError(api.post("/api/v0/inboxes", "{\"username\":\"ok-user\",\"display_name\":\"" + "x".repeat(5000) + "\"}"),
            400, "invalid_request");
    }
}
