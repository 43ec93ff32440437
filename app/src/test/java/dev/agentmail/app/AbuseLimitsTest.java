package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import javax.mail.AuthenticationFailedException;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Store;
import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPConnectionClosedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The limits a node facing the Internet needs, through real clients: the operator token and no CORS on WebAdmin,
 * connection, recipient and message limits, failed logins throttled per address (127.0.0.2 and others stand for
 * other clients: Linux routes all of 127/8 to loopback), and revoked keys ending open sessions.
 */
class AbuseLimitsTest {
    private static final String ADMIN_TOKEN = "operator-token-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestServers.RunningServer server;
    private static String key;
    private static ApiClient api;
    private static String inbox;

    @BeforeAll
    static void startServer() {
        server = TestServers.start(Map.of("AGENTMAIL_ADMIN_TOKEN", ADMIN_TOKEN, "AGENTMAIL_LOGIN_FAILURES", "5",
            "AGENTMAIL_MAX_RECIPIENTS", "3", "AGENTMAIL_MAX_MESSAGES_PER_CONNECTION", "2",
            "AGENTMAIL_CONNECTION_LIMIT_PER_IP", "8"));
        key = TestServers.newOrganization(server, "limits");
        api = server.api(key);
        inbox = api.post("/api/v0/inboxes", "{\"username\":\"limits-" + System.nanoTime() + "\"}").json()
            .get("email_address").asText();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void everyAdminRouteNeedsTheToken() throws Exception {
        for (String path : new String[] {"/agentmail/organizations", "/tasks", "/healthcheck", "/no/such/route"}) {
            HttpResponse<String> anonymous = admin("GET", path, null, null, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            JsonNode error = new com.fasterxml.jackson.databind.ObjectMapper().readTree(anonymous.body());
            assertThat(error.get("statusCode").asInt()).isEqualTo(401);
            assertThat(error.get("type").asText()).isEqualTo("Unauthorized");
            assertThat(admin("GET", path, "Bearer " + ADMIN_TOKEN + "x", null, null).statusCode()).as(path).isEqualTo(401);
            assertThat(admin("GET", path, "Basic " + ADMIN_TOKEN, null, null).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(admin("GET", "/agentmail/organizations", "Bearer " + ADMIN_TOKEN, null, null).statusCode()).isEqualTo(200);
        assertThat(admin("GET", "/healthcheck", "Bearer " + ADMIN_TOKEN, null, null).statusCode()).isNotEqualTo(401);
    }

    @Test
    void adminPortAnswersNoCors() throws Exception {
        for (String method : new String[] {"GET", "OPTIONS"}) {
            HttpRequest request = HttpRequest.newBuilder(adminUri("/agentmail/organizations"))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .header("Authorization", "Bearer " + ADMIN_TOKEN).build();
            HttpResponse<String> reply = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(reply.headers().map().keySet()).as(method).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
        }
        HttpResponse<String> refused = admin("GET", "/agentmail/organizations", null, null, null);
        assertThat(refused.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void operatorBodiesMustBeJson() throws Exception {
        String body = "{\"name\":\"from a web page\"}";
        String bearer = "Bearer " + ADMIN_TOKEN;
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", null}) {
            HttpResponse<String> reply = admin("POST", "/agentmail/organizations", bearer, type, body);
            assertThat(reply.statusCode()).as(String.valueOf(type)).isEqualTo(415);
            assertThat(reply.body()).contains("application/json").doesNotContain("inai_");
        }
        assertThat(admin("POST", "/agentmail/organizations", bearer, "application/json; charset=utf-8", body).statusCode())
            .isEqualTo(201);
    }

    @Test
    void anOperatorApiOffLoopbackNeedsAToken() {
        assertThatThrownBy(() -> AgentMailSettings.fromEnvironment(Map.of("AGENTMAIL_ADMIN_BIND", "0.0.0.0")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("AGENTMAIL_ADMIN_TOKEN");
        assertThatThrownBy(() -> AgentMailSettings.fromEnvironment(Map.of("AGENTMAIL_ADMIN_TOKEN", "short")))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(AgentMailSettings.fromEnvironment(Map.of("AGENTMAIL_ADMIN_BIND", "0.0.0.0", "AGENTMAIL_ADMIN_TOKEN", ADMIN_TOKEN))
            .toString()).doesNotContain(ADMIN_TOKEN);
    }

    @Test
    void wrongKeysFromOneAddressSlowThatAddressOnly() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            statuses.add(httpFrom("127.0.0.2", "inai_wrong" + i).status());
        }
        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(5, 200)).containsOnly(429);
        RawReply locked = httpFrom("127.0.0.2", key);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(Integer.parseInt(locked.header("retry-after"))).isBetween(1, 300);
        assertThat(locked.body()).contains("\"error\":\"too_many_requests\"");

        // The right key from the neighbour keeps working, over every protocol; from 127.0.0.2 it is refused.
        assertThat(httpFrom("127.0.0.1", key).status()).isEqualTo(200);
        imapFrom("127.0.0.1", key).close();
        assertThatThrownBy(() -> imapFrom("127.0.0.2", key))
            .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("[UNAVAILABLE]");
        submissionFrom("127.0.0.1", key).disconnect();
        AuthenticatingSMTPClient refused = submissionClient("127.0.0.2");
        assertThat(refused.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, inbox, key)).isFalse();
        assertThat(refused.getReplyString()).startsWith("454 4.7.0");
        refused.disconnect();
    }

    @Test
    void wrongImapAndSmtpLoginsCountToo() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> imapFrom("127.0.0.3", "inai_wrong"))
                .isInstanceOf(AuthenticationFailedException.class).hasMessageNotContaining("UNAVAILABLE");
        }
        assertThatThrownBy(() -> imapFrom("127.0.0.3", key)).hasMessageContaining("[UNAVAILABLE]");

        AuthenticatingSMTPClient smtp = submissionClient("127.0.0.4");
        for (int i = 0; i < 5; i++) {
            assertThat(smtp.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, inbox, "inai_wrong")).isFalse();
            assertThat(smtp.getReplyString()).startsWith("535");
        }
        assertThat(smtp.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, inbox, key)).isFalse();
        assertThat(smtp.getReplyString()).startsWith("454 4.7.0");
        smtp.disconnect();
        imapFrom("127.0.0.1", key).close();
    }

    @Test
    void recipientsPerMessageAndMessagesPerConnectionAreLimited() throws Exception {
        SMTPClient smtp = MailClients.smtp(server.config().smtpPort());
        assertThat(smtp.setSender("someone@example.net")).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(smtp.addRecipient(inbox)).isTrue();
        }
        assertThat(smtp.addRecipient(inbox)).isFalse();
        assertThat(smtp.getReplyCode()).isEqualTo(452);
        smtp.reset();
        assertThat(smtp.setSender("someone@example.net")).isTrue();
        smtp.reset();
        // commons-net reports a 421 as the connection closing, which it is.
        assertThatThrownBy(() -> smtp.setSender("someone@example.net"))
            .isInstanceOf(SMTPConnectionClosedException.class).hasMessageContaining("421");
        assertThat(smtp.getReplyString()).startsWith("421 4.7.0 Too many messages");
    }

    @Test
    void connectionsPerAddressAreLimited() throws Exception {
        int[] ports = {server.config().smtpPort(), server.config().imapPort(), server.config().apiPort()};
        for (int port : ports) {
            List<Socket> open = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    open.add(socketFrom("127.0.0.5", port));
                }
                // Each of them served first: Jetty's selectors open connections in no fixed order, and the one
                // over the limit should be the extra one.
                for (Socket socket : open) {
                    if (port == server.config().apiPort()) {
                        socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    assertThat(socket.getInputStream().read()).as("served on " + port).isNotEqualTo(-1);
                }
                Socket extra = socketFrom("127.0.0.5", port);
                open.add(extra);
                if (port == server.config().apiPort()) {
                    extra.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                assertThat(readAll(extra.getInputStream())).as("over the limit on " + port).isEmpty();
                // Another address is not affected.
                try (Socket other = socketFrom("127.0.0.6", port)) {
                    other.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                    assertThat(other.getInputStream().read()).isNotEqualTo(-1);
                }
            } finally {
                for (Socket socket : open) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void revokingAKeyEndsItsOpenSessions() throws Exception {
        JsonNode created = api.post("/api/v0/api-keys", "{\"name\":\"to revoke\"}").json();
        String secret = created.get("key").asText();
        Store imap = imapFrom("127.0.0.1", secret);
        assertThat(imap.getFolder("INBOX").exists()).isTrue();
        AuthenticatingSMTPClient submission = submissionFrom("127.0.0.1", secret);
        assertThat(submission.setSender(inbox)).isTrue();
        submission.reset();

        assertThat(api.delete("/api/v0/api-keys/" + created.get("key_id").asText()).status()).isEqualTo(204);

        assertThatThrownBy(() -> imap.getFolder("INBOX").exists()).isInstanceOf(MessagingException.class);
        assertThatThrownBy(() -> submission.setSender(inbox))
            .isInstanceOf(SMTPConnectionClosedException.class).hasMessageContaining("421");
        assertThat(submission.getReplyString()).startsWith("421 4.7.0 The API key of this session has been revoked");
        imap.close();
        // Sessions of other keys go on.
        Store other = imapFrom("127.0.0.1", key);
        assertThat(other.getFolder("INBOX").exists()).isTrue();
        other.close();
    }

    private static URI adminUri(String path) {
        return URI.create("http://127.0.0.1:" + server.config().adminPort() + path);
    }

    private static HttpResponse<String> admin(String method, String path, String authorization, String type, String body)
        throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(adminUri(path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (type != null) {
            request.header("Content-Type", type);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private record RawReply(int status, String head, String body) {
        String header(String name) {
            return head.lines().filter(line -> line.toLowerCase().startsWith(name + ":"))
                .map(line -> line.substring(name.length() + 1).trim()).findFirst().orElse(null);
        }
    }

    /** GET /api/v0/organizations over a socket bound to {@code local}: the JDK's HTTP client cannot choose its address. */
    private static RawReply httpFrom(String local, String apiKey) throws IOException {
        try (Socket socket = socketFrom(local, server.config().apiPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v0/organizations HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + apiKey
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = readAll(socket.getInputStream());
            int split = reply.indexOf("\r\n\r\n");
            return new RawReply(Integer.parseInt(reply.substring(9, 12)), reply.substring(0, split), reply.substring(split + 4));
        }
    }

    private static String readAll(InputStream in) throws IOException {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.net.SocketException reset) {
            return "";
        }
    }

    private static Socket socketFrom(String local, int port) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(10_000);
        socket.bind(new InetSocketAddress(local, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return socket;
    }

    private static Store imapFrom(String local, String secret) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.imap.localaddress", local);
        properties.put("mail.imap.connectiontimeout", "10000");
        properties.put("mail.imap.timeout", "30000");
        Store store = Session.getInstance(properties).getStore("imap");
        store.connect("127.0.0.1", server.config().imapPort(), inbox, secret);
        return store;
    }

    private static AuthenticatingSMTPClient submissionClient(String local) throws IOException {
        AuthenticatingSMTPClient client = new AuthenticatingSMTPClient();
        client.setDefaultTimeout(10_000);
        client.connect(InetAddress.getByName("127.0.0.1"), server.config().submissionPort(), InetAddress.getByName(local), 0);
        client.setSoTimeout(30_000);
        client.ehlo("client.example.net");
        return client;
    }

    private static AuthenticatingSMTPClient submissionFrom(String local, String secret) throws Exception {
        AuthenticatingSMTPClient client = submissionClient(local);
        if (!client.auth(AuthenticatingSMTPClient.AUTH_METHOD.PLAIN, inbox, secret)) {
            throw new IllegalStateException("AUTH refused: " + client.getReplyString());
        }
        return client;
    }
}
