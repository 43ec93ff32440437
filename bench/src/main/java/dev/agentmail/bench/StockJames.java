package dev.agentmail.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference: stock James 3.8.1's {@code MemoryJamesServerMain}, as Apache ships it, with the same SMTP handler
 * chain and local delivery as ours but none of our mailets, listeners or API. Mailboxes are made through its
 * WebAdmin; what is visible is what IMAP STATUS counts in each INBOX.
 */
final class StockJames implements MailServer {
    private static final String[] CONF = {"smtpserver.xml", "imapserver.xml", "mailetcontainer.xml", "domainlist.xml",
        "webadmin.properties", "mailrepositorystore.xml", "dnsservice.xml", "pop3server.xml", "lmtpserver.xml",
        "managesieveserver.xml", "jmap.properties", "jmx.properties", "usersrepository.xml"};
    private static final String PASSWORD = "bench-password";

    private final Ports ports;
    private final ServerProcess process;
    private final Map<String, Imap> imap = new HashMap<>();

    StockJames(Path repository, Path workDir) throws Exception {
        ports = Ports.free();
        Path conf = workDir.resolve("conf");
        Files.createDirectories(conf);
        for (String name : CONF) {
            try (InputStream in = StockJames.class.getResourceAsStream("/stock-james/" + name)) {
                Files.writeString(conf.resolve(name), new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${smtp.port}", Integer.toString(ports.smtp()))
                    .replace("${imap.port}", Integer.toString(ports.imap()))
                    .replace("${admin.port}", Integer.toString(ports.admin())));
            }
        }
        process = ServerProcess.start(ServerProcess.java(repository, "org.apache.james.MemoryJamesServerMain",
                "-Dworking.directory=" + workDir), Map.of(), workDir,
            "http://127.0.0.1:" + ports.admin() + "/healthcheck");
    }

    @Override
    public String name() {
        return "stock James 3.8.1, memory";
    }

    @Override
    public int smtpPort() {
        return ports.smtp();
    }

    @Override
    public List<String> createMailboxes(int count) throws Exception {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String address = "box-" + i + "@" + OurServer.DOMAIN;
            admin("/users/" + address, "{\"password\":\"" + PASSWORD + "\"}");
            admin("/users/" + address + "/mailboxes/INBOX", "");
            imap.put(address, new Imap(ports.imap(), address));
            addresses.add(address);
        }
        return addresses;
    }

    private void admin(String path, String body) throws Exception {
        HttpResponse<String> response = ServerProcess.HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ports.admin() + path)).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("WebAdmin PUT " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    @Override
    public long visible(String address) throws IOException {
        return imap.get(address).messages();
    }

    @Override
    public ServerProcess process() {
        return process;
    }

    @Override
    public void close() throws Exception {
        for (Imap connection : imap.values()) {
            connection.close();
        }
        process.close();
    }

    /** One logged-in IMAP connection, asked STATUS INBOX (MESSAGES). */
    private static final class Imap implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;
        private int tag;

        Imap(int port, String user) throws IOException {
            socket = new Socket("127.0.0.1", port);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
            in.readLine();
            command("LOGIN \"" + user + "\" \"" + PASSWORD + "\"");
        }

        long messages() throws IOException {
            for (String line : command("STATUS INBOX (MESSAGES)")) {
                int at = line.indexOf("MESSAGES ");
                if (line.startsWith("* STATUS") && at > 0) {
                    return Long.parseLong(line.substring(at + 9).replaceAll("[^0-9].*", ""));
                }
            }
            throw new IOException("no STATUS answer");
        }

        private List<String> command(String command) throws IOException {
            String id = "a" + (++tag);
            out.write((id + " " + command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(id + " ")) {
                    if (!line.startsWith(id + " OK")) {
                        throw new IOException(command + ": " + line);
                    }
                    return lines;
                }
                lines.add(line);
            }
            throw new IOException("the IMAP server closed the connection");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
