package dev.agentmail.webadmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmail.api.OpenApiContract;
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
 * The operator routes refuse bad requests in James WebAdmin's error shape ({@code statusCode}, {@code type},
 * {@code message}), like James's own routes on the same port. Every request here is refused before the service is
 * reached, so the routes run without one.
 */
class OrganizationRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static Service spark;

    @BeforeAll
    static void start() {
        spark = Service.ignite().ipAddress("127.0.0.1").port(0);
        new OrganizationRoutes(null, null).define(spark);
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

        assertInvalidArgument(response, "name");
    }

    @Test
    void malformedJsonIs400() throws Exception {
        assertInvalidArgument(post("{\"name\": "), "JSON");
        assertInvalidArgument(post("[\"Acme\"]"), "JSON object");
    }

    @Test
    void aNumberForTheNameIs400NamingIt() throws Exception {
        assertInvalidArgument(post("{\"name\": 7}"), "'name'");
    }

    @Test
    void anUnknownFieldIs400NamingIt() throws Exception {
        assertInvalidArgument(post("{\"name\": \"Acme\", \"plan\": \"gold\"}"), "'plan'");
    }

    @Test
    void aNullBodyIs400() throws Exception {
        HttpResponse<String> response = post("null");

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void paginationOutOfRangeIs400NamingTheParameter() throws Exception {
        for (String query : new String[]{"page=0", "page_size=101", "page=x"}) {
            assertInvalidArgument(get("?" + query), query.substring(0, query.indexOf('=')));
        }
    }

    private static HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("")).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> get(String query) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(query)).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        OpenApiContract.operatorRoutes().check(response);
        return response;
    }

    private static URI uri(String query) {
        return URI.create("http://127.0.0.1:" + spark.port() + OrganizationRoutes.BASE_PATH + query);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** 400 in WebAdmin's shape, the message naming what is wrong. */
    private static void assertInvalidArgument(HttpResponse<String> response, String named) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("application/json"));
        JsonNode body = json(response);
        assertThat(body.get("statusCode").asInt()).isEqualTo(400);
        assertThat(body.get("type").asText()).isEqualTo("InvalidArgument");
        assertThat(body.get("message").asText()).contains(named);
    }
}
