package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmail.tls.CertificateFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real SMTP server outside the JVM: Debian's python3-aiosmtpd running src/test/resources/smtp-relay.py, as a relay
 * that takes a login only over TLS, or as an MX that offers STARTTLS. It tells, for each message, how it came.
 */
final class AiosmtpdServer implements AutoCloseable {
    private static final String PYTHON = "/usr/bin/python3";

    /** How the server protects a connection (the script's MODE). */
    enum Mode { STARTTLS, IMPLICIT, OFFER }

    /** A message received, and the session it came in: its TLS version and the login's, null when in clear. */
    record Received(String raw, String tls, String login, String loginTls, List<String> recipients) {
    }

    private final Process process;
    private final Path out;

    private AiosmtpdServer(Process process, Path out) {
        this.process = process;
        this.out = out;
    }

    static boolean available() {
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import aiosmtpd").redirectErrorStream(true).start();
            return check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** @param login user and password the server requires, over TLS only; none for a server without AUTH */
    static AiosmtpdServer start(Path dir, int port, Mode mode, CertificateFiles certificate,
                                Optional<List<String>> login) throws Exception {
        Path script = dir.resolve("smtp-relay.py");
        try (InputStream in = AiosmtpdServer.class.getResourceAsStream("/smtp-relay.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path out = Files.createDirectories(dir.resolve("received-" + port));
        List<String> command = new ArrayList<>(List.of(PYTHON, "-W", "ignore", script.toString(), String.valueOf(port),
            mode.name().toLowerCase(), certificate.chain().toString(), certificate.key().toString(), out.toString()));
        login.ifPresent(command::addAll);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        // Read to the end, so that the script never blocks on a full pipe; "ready" says it listens.
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            StringBuilder seen = new StringBuilder();
            try {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    if (line.equals("ready")) {
                        ready.complete(line);
                    }
                    seen.append(line).append('\n');
                }
            } catch (IOException e) {
                seen.append(e);
            }
            ready.complete(seen.toString());
        }, "smtp-relay.py output");
        reader.setDaemon(true);
        reader.start();
        String started = ready.get(60, TimeUnit.SECONDS);
        if (!started.equals("ready")) {
            process.destroyForcibly();
            throw new IllegalStateException("smtp-relay.py did not start:\n" + started);
        }
        return new AiosmtpdServer(process, out);
    }

    List<Received> awaitReceived(int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> received().size() >= count);
        return received();
    }

    List<Received> received() {
        ObjectMapper json = new ObjectMapper();
        List<Received> received = new ArrayList<>();
        for (int n = 0; Files.exists(out.resolve(n + ".json")); n++) {
            try {
                JsonNode session = json.readTree(out.resolve(n + ".json").toFile());
                List<String> recipients = new ArrayList<>();
                session.get("rcpt_to").forEach(recipient -> recipients.add(recipient.asText()));
                received.add(new Received(Files.readString(out.resolve(n + ".eml"), StandardCharsets.ISO_8859_1),
                    text(session, "tls"), text(session, "login"), text(session, "login_tls"), recipients));
            } catch (IOException stillBeingWritten) {
                break;
            }
        }
        return received;
    }

    private static String text(JsonNode session, String field) {
        return session.get(field).isNull() ? null : session.get(field).asText();
    }

    /** Ends the script by closing its input, as it expects. */
    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
