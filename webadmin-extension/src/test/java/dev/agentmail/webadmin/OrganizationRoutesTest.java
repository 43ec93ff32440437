package dev.agentmail.webadmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import spark.Service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator routes refuse bad requests in the API's error shape, as the OpenAPI document's description says.
 * Every request here is refused before the service is reached, so the routes run without one.
 */
class OrganizationRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static Service spark;

    @BeforeAll
    static void start() {
        spark = Service.ignite().ipAddress("127.0.0.1").port(0);
        new OrganizationRoutes(null).define(spark);
        spark.init();
        spark.awaitInitialization();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
            spark.awaitStop();
        }
    }

    @Test
    void aMissingBodyIs400NamingName() throws Exception {
        HttpResponse<String> response = post("");

        assertError(response, 400, "invalid_request");
        assertThat(json(response).get("field").asText()).isEqualTo("name");
    }

    @Test
    void malformedJsonIs400InvalidJson() throws Exception {
        assertError(post("{\"name\": "), 400, "invalid_json");
        assertError(post("[\"Acme\"]"), 400, "invalid_json");
    }

    @Test
    void aNumberForTheNameIs400NamingIt() throws Exception {
        HttpResponse<String> response = post("{\"name\": 7}");

        assertError(response, 400, "invalid_request");
        assertThat(json(response).get("field").asText()).isEqualTo("name");
    }

    @Test
    void anUnknownFieldIs400NamingIt() throws Exception {
        HttpResponse<String> response = post("{\"name\": \"Acme\", \"plan\": \"gold\"}");

        assertError(response, 400, "invalid_request");
        assertThat(json(response).get("field").asText()).isEqualTo("plan");
    }

    @Test
    void aNullBodyIs400() throws Exception {
        HttpResponse<String> response = post("null");

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void paginationOutOfRangeIs400NamingTheParameter() throws Exception {
        for (String query : new String[]{"page=0", "page_size=101", "page=x"}) {
            HttpResponse<String> response = get("?" + query);
            assertError(response, 400, "invalid_request");
            assertThat(json(response).get("field").asText()).isEqualTo(query.substring(0, query.indexOf('=')));
        }
    }

    private static HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri("")).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String query) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(uri(query)).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String query) {
        return URI.create("http://127.0.0.1:" + spark.port() + OrganizationRoutes.BASE_PATH + query);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("application/json"));
        JsonNode body = json(response);
        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("message").asText()).isNotBlank();
    }
}
