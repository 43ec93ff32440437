package dev.agentmail.bench;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** agentmail as ./agentmail run starts it, on a storage profile, in a data dir of its own. */
final class OurServer implements MailServer {
    static final String DOMAIN = "bench.example";
    static final String KEY = "inai_bench_" + UUID.randomUUID().toString().replace("-", "");

    private final String storage;
    private final Ports ports;
    private final ServerProcess process;
    final Api api;
    private final Map<String, String> inboxIds = new HashMap<>();

    OurServer(Path repository, Path workDir, String storage) throws Exception {
        this(repository, workDir, storage, Map.of());
    }

    /** @param settings further AGENTMAIL_* settings, such as where the distributed profile's cluster is */
    OurServer(Path repository, Path workDir, String storage, Map<String, String> settings) throws Exception {
        this.storage = storage;
        this.ports = Ports.free();
        Map<String, String> env = new HashMap<>();
        env.put("AGENTMAIL_DATA_DIR", workDir.resolve("data").toString());
        env.put("AGENTMAIL_STORAGE", storage);
        // Apart from the data, as the distributed profile needs it.
        env.put("AGENTMAIL_SECRET_KEY_FILE", secretKeyFile(workDir).toString());
        env.put("AGENTMAIL_DOMAIN", DOMAIN);
        env.put("AGENTMAIL_BOOTSTRAP_KEY", KEY);
        env.put("AGENTMAIL_ALLOW_PRIVATE_TARGETS", "true");
        env.put("AGENTMAIL_INBOX_LIMIT", "1000000");
        // The load comes from one address over a few long connections, as stock James takes it: no abuse limits.
        env.put("AGENTMAIL_MAX_MESSAGES_PER_CONNECTION", "1000000");
        env.put("AGENTMAIL_CONNECTION_LIMIT_PER_IP", "0");
        // The latency runs send hundreds of messages a minute from one inbox.
        env.put("AGENTMAIL_SEND_LIMITS", "inbox:0/m,0/h,0/d;org:0/m,0/h,0/d");
        env.put("AGENTMAIL_API_PORT", Integer.toString(ports.api()));
        env.put("AGENTMAIL_SMTP_PORT", Integer.toString(ports.smtp()));
        env.put("AGENTMAIL_SUBMISSION_PORT", Integer.toString(ports.submission()));
        env.put("AGENTMAIL_IMAP_PORT", Integer.toString(ports.imap()));
        env.put("AGENTMAIL_SUBMISSIONS_PORT", Integer.toString(Ports.next()));
        env.put("AGENTMAIL_IMAPS_PORT", Integer.toString(Ports.next()));
        env.put("AGENTMAIL_ADMIN_PORT", Integer.toString(ports.admin()));
        InetSocketAddress dns = SenderDns.address();
        env.put("AGENTMAIL_DNS_SERVER", dns.getAddress().getHostAddress() + ":" + dns.getPort());
        env.putAll(settings);
        process = ServerProcess.start(ServerProcess.java(repository, "dev.agentmail.app.AgentMailMain",
                jvmOptions(repository, storage)), env, workDir,
            "http://127.0.0.1:" + ports.api() + "/health");
        api = new Api(ports.api(), KEY);
    }

    /**
     * The options ./agentmail run starts the server with, so that its memory is measured as a user runs it; the
     * memory profile keeps every mail in the heap, which the launcher's 512 MiB cannot hold for a run of 10 000.
     */
    private static String[] jvmOptions(Path repository, String storage) throws java.io.IOException {
        List<String> options = new ArrayList<>(List.of(launcherJvmOptions(repository)));
        if (storage.equals("memory")) {
            options.add("-Xmx2g");
        }
        return options.toArray(String[]::new);
    }

    /** The options ./agentmail run starts the server with. */
    private static String[] launcherJvmOptions(Path repository) throws java.io.IOException {
        return Files.readAllLines(repository.resolve("app/jvm.options")).stream()
            .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toArray(String[]::new);
    }

    private static Path secretKeyFile(Path workDir) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path file = Files.createFile(Files.createDirectories(workDir).resolve("secret.key"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.write(file, key);
    }

    @Override
    public String name() {
        return "agentmail, " + storage;
    }

    @Override
    public int smtpPort() {
        return ports.smtp();
    }

    @Override
    public List<String> createMailboxes(int count) {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add(createInbox("box-" + i));
        }
        return addresses;
    }

    /** @return the address of the new inbox */
    String createInbox(String username) {
        var inbox = api.ok(api.post("/api/v0/inboxes", "{\"username\":\"" + username + "\"}"));
        String address = inbox.get("email_address").asText();
        inboxIds.put(address, inbox.get("inbox_id").asText());
        return address;
    }

    String inboxId(String address) {
        return inboxIds.get(address);
    }

    @Override
    public long visible(String address) {
        return api.ok(api.get("/api/v0/inboxes/" + inboxIds.get(address) + "/messages?page_size=1")).get("total").asLong();
    }

    @Override
    public ServerProcess process() {
        return process;
    }

    @Override
    public void close() throws Exception {
        process.close();
    }
}
