package dev.agentmail.james.distributed;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The RabbitMQ node that `./agentmail test` starts (scripts/test-rabbitmq.sh: AGENTMAIL_TEST_RABBITMQ and
 * AGENTMAIL_TEST_RABBITMQ_MANAGEMENT), or else, where a Docker engine runs, a RabbitMQ container started once for
 * the test JVM. Each caller gets a virtual host of its own, so that tests never share a queue.
 */
final class TestRabbitMq {
    /** The image of James's own tests. */
    private static final String IMAGE = "rabbitmq:3.9.18-management";
    private static final String USER = "agentmail";
    private static final String PASSWORD = "agentmail";
    private static final URI[] NODE = Optional.ofNullable(System.getenv("AGENTMAIL_TEST_RABBITMQ"))
        .filter(uri -> !uri.isBlank())
        .map(uri -> new URI[]{URI.create(uri), URI.create(System.getenv("AGENTMAIL_TEST_RABBITMQ_MANAGEMENT"))})
        .orElseGet(TestRabbitMq::containerIfDocker);

    private TestRabbitMq() {
    }

    private static URI[] containerIfDocker() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return null;
        }
        GenericContainer<?> rabbitMq = new GenericContainer<>(DockerImageName.parse(IMAGE))
            .withExposedPorts(5672, 15672)
            .withEnv("RABBITMQ_DEFAULT_USER", USER)
            .withEnv("RABBITMQ_DEFAULT_PASS", PASSWORD)
            .waitingFor(Wait.forLogMessage(".*Server startup complete.*", 1).withStartupTimeout(Duration.ofMinutes(2)));
        rabbitMq.start();
        return new URI[]{
            URI.create("amqp://" + USER + ":" + PASSWORD + "@" + rabbitMq.getHost() + ":" + rabbitMq.getMappedPort(5672)),
            URI.create("http://" + rabbitMq.getHost() + ":" + rabbitMq.getMappedPort(15672))};
    }

    static void assumeAvailable() {
        Assumptions.assumeTrue(NODE != null,
            "AGENTMAIL_TEST_RABBITMQ is not set and no Docker engine is running: run `./agentmail test` to test the"
                + " distributed profile");
    }

    /** @return the AMQP URI of a new, empty virtual host, whose path names it */
    static URI newVirtualHost() throws IOException, InterruptedException {
        assumeAvailable();
        String vhost = "test-" + UUID.randomUUID();
        URI amqp = NODE[0];
        String[] credentials = amqp.getUserInfo().split(":", 2);
        put(credentials, "/api/vhosts/" + vhost, "{}");
        put(credentials, "/api/permissions/" + vhost + "/" + credentials[0],
            "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
        return URI.create(amqp.getScheme() + "://" + amqp.getRawUserInfo() + "@" + amqp.getHost() + ":" + amqp.getPort()
            + "/" + vhost);
    }

    static URI management() {
        assumeAvailable();
        return NODE[1];
    }

    private static void put(String[] credentials, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(NODE[1].resolve(path))
            .header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((credentials[0] + ":" + credentials[1]).getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("RabbitMQ management answered " + response.statusCode() + " to PUT " + path + ": "
                + response.body());
        }
    }
}
