package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class InboxApiTest {
    private static TestServers.RunningServer server;
    private static ApiClient api;

    @BeforeAll
    static void startServer() {
        server = TestServers.shared();
        api = server.api(TestServers.BOOTSTRAP_KEY);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createReturnsTheInboxOnThePlatformDomain() {
        String username = unique("Agent");
        ApiClient.Reply reply = api.post("/api/v0/inboxes",
            "{\"username\":\"" + username + "\",\"display_name\":\"Agent One\",\"client_id\":\"my-agent\"}");

        assertThat(reply.status()).isEqualTo(201);
        JsonNode inbox = reply.json();
        assertThat(inbox.get("inbox_id").asText()).matches("[a-z0-9]{24}");
        assertThat(inbox.get("username").asText()).isEqualTo(username.toLowerCase());
        assertThat(inbox.get("domain").asText()).isEqualTo("agentmail.localhost");
        assertThat(inbox.get("email_address").asText()).isEqualTo(username.toLowerCase() + "@agentmail.localhost");
        assertThat(inbox.get("display_name").asText()).isEqualTo("Agent One");
        assertThat(inbox.get("client_id").asText()).isEqualTo("my-agent");
        assertThat(inbox.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(inbox.get("updated_at").asText()).isEqualTo(inbox.get("created_at").asText());
    }

    /** The server remembers recipient lookups for a few seconds; creating and deleting an inbox must show at once. */
    @Test
    void smtpAcceptsAnAddressAsSoonAsItsInboxExistsAndRefusesItOnceDeleted() throws Exception {
        String username = unique("late");
        String address = username + "@agentmail.localhost";
        SMTPClient smtp = MailClients.smtp(server.config().smtpPort());
        try {
            assertThat(smtp.setSender("alice@outside.example")).isTrue();
            assertThat(smtp.addRecipient(address)).as("no inbox yet").isFalse();

            String id = api.post("/api/v0/inboxes", "{\"username\":\"" + username + "\"}").json().get("inbox_id").asText();
            assertThat(smtp.addRecipient(address)).as("the inbox was just created").isTrue();
            assertThat(smtp.reset()).isTrue();

            assertThat(api.delete("/api/v0/inboxes/" + id).status()).isEqualTo(204);
            assertThat(smtp.setSender("alice@outside.example")).isTrue();
            assertThat(smtp.addRecipient(address)).as("the inbox was just deleted").isFalse();
        } finally {
            smtp.disconnect();
        }
    }

    @Test
    void optionalFieldsAreNullWhenNotGiven() {
        JsonNode inbox = api.post("/api/v0/inboxes", "{\"username\":\"" + unique("bare") + "\"}").json();

        assertThat(inbox.has("display_name")).isTrue();
        assertThat(inbox.get("display_name").isNull()).isTrue();
        assertThat(inbox.get("client_id").isNull()).isTrue();
    }

    @Test
    void getListPatchAndDelete() {
        String id = api.post("/api/v0/inboxes", "{\"username\":\"" + unique("crud") + "\"}").json().get("inbox_id").asText();

        assertThat(api.get("/api/v0/inboxes/" + id).json().get("inbox_id").asText()).isEqualTo(id);

        JsonNode renamed = api.patch("/api/v0/inboxes/" + id, "{\"display_name\":\"Renamed\"}").json();
        assertThat(renamed.get("display_name").asText()).isEqualTo("Renamed");
        assertThat(api.get("/api/v0/inboxes/" + id).json().get("display_name").asText()).isEqualTo("Renamed");

        JsonNode untouched = api.patch("/api/v0/inboxes/" + id, "{}").json();
        assertThat(untouched.get("display_name").asText()).isEqualTo("Renamed");

        JsonNode cleared = api.patch("/api/v0/inboxes/" + id, "{\"display_name\":null}").json();
        assertThat(cleared.get("display_name").isNull()).isTrue();

        assertThat(api.delete("/api/v0/inboxes/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v0/inboxes/" + id).status()).isEqualTo(404);
        assertThat(api.delete("/api/v0/inboxes/" + id).status()).isEqualTo(404);
    }

    @Test
    void listIsPaginatedNewestFirst() {
        ApiClient fresh = api.withKey(TestServers.newOrganization(server, "pagination"));
        for (int i = 0; i < 5; i++) {
            assertThat(fresh.post("/api/v0/inboxes", "{\"username\":\"" + unique("page" + i) + "\"}").status()).isEqualTo(201);
        }

        JsonNode first = fresh.get("/api/v0/inboxes?page=1&page_size=2").json();
        JsonNode third = fresh.get("/api/v0/inboxes?page=3&page_size=2").json();
        JsonNode beyond = fresh.get("/api/v0/inboxes?page=4&page_size=2").json();

        assertThat(first.get("total").asInt()).isEqualTo(5);
        assertThat(first.get("page").asInt()).isEqualTo(1);
        assertThat(first.get("page_size").asInt()).isEqualTo(2);
        assertThat(first.get("data")).hasSize(2);
        assertThat(first.get("data").get(0).get("username").asText()).startsWith("page4");
        assertThat(third.get("data")).hasSize(1);
        assertThat(third.get("data").get(0).get("username").asText()).startsWith("page0");
        assertThat(beyond.get("data")).isEmpty();
        assertThat(beyond.get("total").asInt()).isEqualTo(5);
        assertThat(fresh.get("/api/v0/inboxes").json().get("page_size").asInt()).isEqualTo(20);
    }

    @Test
    void invalidUsernamesAreRefused() {
        for (String username : new String[] {"", "with space", "a@b", "x\\r\\ny", ".dot", "dot.", "two..dots",
            "é", "a".repeat(65)}) {
            ApiClient.Reply reply = api.post("/api/v0/inboxes", "{\"username\":\"" + username + "\"}");
            assertThat(reply.status()).as(username).isEqualTo(400);
            assertThat(reply.json().get("error").asText()).isEqualTo("invalid_request");
            assertThat(reply.json().get("field").asText()).isEqualTo("username");
        }
        assertThat(api.post("/api/v0/inboxes", "{}").json().get("field").asText()).isEqualTo("username");
    }

    @Test
    void aTakenAddressAnswersConflictAcrossOrganizations() {
        String username = unique("taken");
        assertThat(api.post("/api/v0/inboxes", "{\"username\":\"" + username + "\"}").status()).isEqualTo(201);

        ApiClient.Reply again = api.post("/api/v0/inboxes", "{\"username\":\"" + username.toUpperCase() + "\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asText()).isEqualTo("conflict");

        ApiClient other = api.withKey(TestServers.newOrganization(server, "other"));
        assertThat(other.post("/api/v0/inboxes", "{\"username\":\"" + username + "\"}").status()).isEqualTo(409);
    }

    @Test
    void headerInjectionInDisplayNameIsRefused() {
        ApiClient.Reply reply = api.post("/api/v0/inboxes",
            "{\"username\":\"" + unique("inject") + "\",\"display_name\":\"Evil\\r\\nBcc: victim@example.com\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("field").asText()).isEqualTo("display_name");
    }

    @Test
    void aDomainTheOrganizationDoesNotOwnIsNotFound() {
        ApiClient.Reply reply = api.post("/api/v0/inboxes",
            "{\"username\":\"" + unique("dom") + "\",\"domain\":\"example.com\"}");

        assertThat(reply.status()).isEqualTo(404);
    }

    @Test
    void wrongTypesAndUnknownFieldsAreRefused() {
        ApiClient.Reply number = api.post("/api/v0/inboxes", "{\"username\":42}");
        assertThat(number.status()).isEqualTo(400);
        assertThat(number.json().get("field").asText()).isEqualTo("username");

        ApiClient.Reply unknown = api.post("/api/v0/inboxes", "{\"username\":\"" + unique("u") + "\",\"colour\":\"red\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("colour");

        String id = api.post("/api/v0/inboxes", "{\"username\":\"" + unique("patch") + "\"}").json().get("inbox_id").asText();
        assertThat(api.patch("/api/v0/inboxes/" + id, "{\"display_name\":7}").status()).isEqualTo(400);
        assertThat(api.patch("/api/v0/inboxes/" + id, "{\"username\":\"x\"}").status()).isEqualTo(400);
    }

    @Test
    void anotherOrganizationsInboxIsNotFound() {
        String id = api.post("/api/v0/inboxes", "{\"username\":\"" + unique("mine") + "\"}").json().get("inbox_id").asText();
        ApiClient other = api.withKey(TestServers.newOrganization(server, "intruder"));

        assertThat(other.get("/api/v0/inboxes/" + id).status()).isEqualTo(404);
        assertThat(other.patch("/api/v0/inboxes/" + id, "{\"display_name\":\"x\"}").status()).isEqualTo(404);
        assertThat(other.delete("/api/v0/inboxes/" + id).status()).isEqualTo(404);
        assertThat(other.get("/api/v0/inboxes").json().get("data").findValuesAsText("inbox_id")).doesNotContain(id);
        assertThat(api.get("/api/v0/inboxes/" + id).status()).isEqualTo(200);
    }
}
