package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmail.backup.BackupRefusedException;
import dev.agentmail.backup.Restore;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code ./agentmail backup DIR}: asks the running server, on its admin port, for an online backup into DIR (a path
 * on the server's machine). {@code ./agentmail restore DIR}: with the server stopped, brings a backup back into
 * AGENTMAIL_DATA_DIR, which must be new or empty. Both read the same AGENTMAIL_* variables as the server.
 */
public final class BackupCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BackupCommand() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || !(args[0].equals("backup") || args[0].equals("restore"))) {
            System.err.println("usage: ./agentmail backup DIR | ./agentmail restore DIR");
            System.exit(2);
        }
        Path directory = Path.of(args[1]).toAbsolutePath().normalize();
        try {
            if (args[0].equals("backup")) {
                backup(AgentMailSettings.fromEnvironment(System.getenv()), directory);
            } else {
                Path dataDir = new EnvironmentSettings(System.getenv()).path("AGENTMAIL_DATA_DIR", "./var");
                new Restore(System.out).restore(directory, dataDir);
            }
        } catch (IllegalArgumentException | BackupRefusedException | CommandFailed e) {
            System.err.println("agentmail: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("agentmail: " + args[0] + " failed: " + e);
            System.exit(1);
        }
    }

    private static void backup(AgentMailSettings settings, Path directory) throws IOException, InterruptedException {
        JamesSettings james = settings.james();
        String host = InetAddress.getByName(james.adminBind()).isAnyLocalAddress() ? "127.0.0.1" : james.adminBind();
        URI uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + james.adminPort()
            + "/agentmail/backups");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("directory", directory.toString()))));
        settings.limits().adminToken().ifPresent(token -> request.header("Authorization", "Bearer " + token.value()));
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CommandFailed("no server answers on " + uri + ": the backup is taken by the running server "
                + "(start it, or set AGENTMAIL_ADMIN_PORT and AGENTMAIL_ADMIN_BIND as the server has them)");
        }
        JsonNode body = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
        if (response.statusCode() != 201) {
            throw new CommandFailed("the server refused the backup (" + response.statusCode() + "): "
                + body.path("message").asText(response.body()));
        }
        System.out.println("agentmail: backup of " + body.path("storage").asText() + " in " + body.path("directory").asText()
            + ": " + body.path("files").asInt() + " files, " + body.path("bytes").asLong() + " bytes, from "
            + body.path("started_at").asText() + " to " + body.path("finished_at").asText()
            + " (database: " + body.path("database").asText() + ")");
    }

    private static final class CommandFailed extends RuntimeException {
        CommandFailed(String message) {
            super(message);
        }
    }
}
