package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** POST/GET /agentmail/organizations and POST /agentmail/backups on the James WebAdmin port. */
class OperatorRoutesTest {
    private static TestServers.RunningServer server;

    @BeforeAll
    static void startServer() {
        server = TestServers.shared();
    }

    @Test
    void createsAnOrganizationWithItsFirstKey() {
        ApiClient.Reply reply = server.admin().post("/agentmail/organizations", "{\"name\":\"Acme Agents\"}");

        assertThat(reply.status()).isEqualTo(201);
        JsonNode created = reply.json();
        assertThat(created.get("org_id").asText()).startsWith("org_");
        assertThat(created.get("name").asText()).isEqualTo("Acme Agents");
        assertThat(created.get("inbox_count").asInt()).isZero();
        assertThat(created.get("api_key").asText()).startsWith("inai_");

        JsonNode seenThroughTheApi = server.api(created.get("api_key").asText()).get("/api/v0/organizations").json();
        assertThat(seenThroughTheApi.get("org_id").asText()).isEqualTo(created.get("org_id").asText());
        assertThat(seenThroughTheApi.get("name").asText()).isEqualTo("Acme Agents");
        assertThat(seenThroughTheApi.has("api_key")).isFalse();
    }

    @Test
    void listsOrganizationsWithoutTheirKeys() {
        String orgId = server.admin().post("/agentmail/organizations", "{\"name\":\"Listed\"}").json().get("org_id").asText();

        ApiClient.Reply list = server.admin().get("/agentmail/organizations?page_size=100");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("data").findValuesAsText("org_id")).contains(orgId);
        assertThat(list.json().get("data").findValues("api_key")).isEmpty();
        assertThat(list.json().get("total").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void refusesBadInputWithWebAdminsErrorShape() {
        for (String body : new String[] {"", "{}", "{\"name\":\"\"}", "{\"name\":42}", "{not json", "{\"name\":\"a\\r\\nb\"}"}) {
            ApiClient.Reply reply = server.admin().post("/agentmail/organizations", body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.json().get("statusCode").asInt()).isEqualTo(400);
            assertThat(reply.json().get("type").asText()).isEqualTo("InvalidArgument");
            assertThat(reply.json().get("message").asText()).isNotBlank();
        }
        assertThat(server.admin().get("/agentmail/organizations?page=0").status()).isEqualTo(400);
    }

    @Test
    void noAnswerOnTheAdminPortNamesTheServerSoftware() {
        for (ApiClient.Reply reply : new ApiClient.Reply[] {server.admin().get("/agentmail/organizations"),
                server.admin().get("/nothing-here"), server.admin().post("/agentmail/organizations", "{}")}) {
            assertThat(reply.raw().headers().firstValue("Server")).as(reply.raw().uri().toString()).isEmpty();
        }
    }

    @Test
    void organizationUsageCountsInboxes() {
        String key = TestServers.newOrganization(server, "usage");
        ApiClient api = server.api(key);
        api.post("/api/v0/inboxes", "{\"username\":\"usage-" + System.nanoTime() + "\"}");

        JsonNode org = api.get("/api/v0/organizations").json();
        assertThat(org.get("inbox_count").asInt()).isEqualTo(1);
        assertThat(org.get("inbox_limit").asInt()).isEqualTo(1000);
        assertThat(org.get("domain_count").asInt()).isZero();
        assertThat(org.get("domain_limit").asInt()).isEqualTo(10);
        assertThat(org.get("created_at").asText()).endsWith("Z");
    }

    @Test
    void backsUpIntoANewDirectoryAndRefusesAnyOther(@TempDir Path work) throws Exception {
        Path target = work.resolve("backup");
        ApiClient.Reply done = server.admin().post("/agentmail/backups", "{\"directory\":\"" + target + "\"}");

        assertThat(done.status()).as(done.body()).isEqualTo(201);
        assertThat(done.json().get("storage").asText()).isEqualTo("embedded");
        assertThat(done.json().get("database").asText()).isEqualTo("derby");
        assertThat(target.resolve("manifest.json")).isRegularFile();
        assertThat(target.resolve("db/service.properties")).isRegularFile();
        assertThat(Files.list(target.resolve("spool/kahadb"))).isNotEmpty();

        ApiClient.Reply again = server.admin().post("/agentmail/backups", "{\"directory\":\"" + target + "\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("message").asText()).contains("not empty");
        for (String body : new String[] {"{}", "{\"directory\":\"relative/dir\"}", "{\"directory\":42}", "{\"dir\":\"/x\"}"}) {
            ApiClient.Reply reply = server.admin().post("/agentmail/backups", body);
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.json().get("type").asText()).isEqualTo("InvalidArgument");
        }
        ApiClient.Reply form = server.admin().send(server.admin().request("/agentmail/backups")
            .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{\"directory\":\"/tmp/x\"}")));
        assertThat(form.status()).isEqualTo(415);
    }
}
