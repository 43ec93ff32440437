package dev.agentmail.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.Test;

import javax.mail.FetchProfile;
import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./agentmail backup} while several SMTP connections send without pause, {@code ./agentmail restore} into a
 * new data dir, a server started there: every message acknowledged with 250 before the backup started is in the
 * mailbox, once. The commands run as the launcher runs them, in JVMs of their own, with the admin token.
 */
class BackupRestoreTest {
    private static final int CONNECTIONS = 4;
    private static final int ACKNOWLEDGED_BEFORE_BACKUP = 100;
    private static final String KEY = "inai_backup_test_key_0123456789";
    private static final String ADMIN_TOKEN = "backup-test-admin-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void backupUnderSmtpIngestRestoresEveryAcknowledgedMessageOnce() throws Exception {
        // Under target/, not a temporary dir: the servers' logs stay for a look after a failure.
        Path work = Files.createDirectories(Path.of("target", "backup-restore-test", String.valueOf(System.nanoTime())))
            .toAbsolutePath();
        Path original = work.resolve("original");
        Path backup = work.resolve("backup");
        Path restored = work.resolve("restored");
        Map<String, String> env = environment(original);
        Path log = work.resolve("server.log");
        ForkedServer server = ForkedServer.start(env, log);
        String address;
        Map<String, Instant> acknowledged = new ConcurrentHashMap<>();
        Set<String> acknowledgedBeforeBackup;
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService senders = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            ApiClient api = new ApiClient("http://127.0.0.1:" + env.get("AGENTMAIL_API_PORT"), KEY);
            address = api.post("/api/v0/inboxes", "{\"username\":\"backup\"}").json().get("email_address").asText();
            int smtpPort = Integer.parseInt(env.get("AGENTMAIL_SMTP_PORT"));
            for (int connection = 0; connection < CONNECTIONS; connection++) {
                int id = connection;
                senders.submit(() -> send(smtpPort, address, id, sending, acknowledged));
            }
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_BACKUP && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }

            Command backedUp = Command.run(env, work, "backup", backup.toString());
            Thread.sleep(1_000);
            sending.set(false);
            senders.shutdown();
            assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            assertThat(backedUp.exitCode()).as(backedUp.output()).isZero();
            assertThat(backedUp.output()).contains("backup of embedded in " + backup);
            // The server's start of the backup, on the same clock as the senders' acknowledgements.
            JsonNode manifest = JSON.readTree(backup.resolve("manifest.json").toFile());
            Instant started = Instant.parse(manifest.get("started_at").asText());
            Instant finished = Instant.parse(manifest.get("finished_at").asText());
            acknowledgedBeforeBackup = acknowledged.entrySet().stream().filter(ack -> ack.getValue().isBefore(started))
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
            long duringBackup = acknowledged.values().stream().filter(ack -> ack.isAfter(started) && ack.isBefore(finished)).count();
            System.out.printf("backup test: acknowledged before the backup %d, while it ran %d, in all %d%n",
                acknowledgedBeforeBackup.size(), duringBackup, acknowledged.size());
            assertThat(acknowledgedBeforeBackup).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_BACKUP);
            // Ingest ran on across the backup: mail was acknowledged after it too (a fast backup may see none during).
            assertThat(acknowledged.values().stream().filter(ack -> ack.isAfter(finished)).count())
                .as("mail acknowledged after the backup").isPositive();

            Command again = Command.run(env, work, "backup", backup.toString());
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.output()).contains("exists and is not empty");
        } finally {
            sending.set(false);
            senders.shutdownNow();
            server.stop();
        }

        Map<String, String> restoredEnv = environment(restored);
        Command restore = Command.run(restoredEnv, work, "restore", backup.toString());
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(restored.resolve("signing-key")).hasSameBinaryContentAs(original.resolve("signing-key"));
        assertThat(restored.resolve("tls/cert.pem")).hasSameBinaryContentAs(original.resolve("tls/cert.pem"));
        Command overExisting = Command.run(restoredEnv, work, "restore", backup.toString());
        assertThat(overExisting.exitCode()).isEqualTo(1);
        assertThat(overExisting.output()).contains("is not empty");

        ForkedServer restoredServer = ForkedServer.start(restoredEnv, work.resolve("restored-server.log"));
        try {
            ApiClient api = new ApiClient("http://127.0.0.1:" + restoredEnv.get("AGENTMAIL_API_PORT"), KEY);
            assertThat(api.get("/api/v0/inboxes").json().get("data").findValuesAsText("email_address")).contains(address);
            Map<String, Integer> present = awaitDelivered(Integer.parseInt(restoredEnv.get("AGENTMAIL_IMAP_PORT")), address,
                acknowledgedBeforeBackup);
            Set<String> missing = new java.util.TreeSet<>(acknowledgedBeforeBackup);
            missing.removeAll(present.keySet());
            assertThat(missing).as("acknowledged before the backup, missing after the restore").isEmpty();
            assertThat(present).as("messages stored more than once").allSatisfy((subject, count) -> assertThat(count).isOne());
            System.out.printf("backup test: restored mailbox holds %d messages%n", present.size());
        } finally {
            restoredServer.stop();
        }
    }

    private static Map<String, String> environment(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("AGENTMAIL_DATA_DIR", dataDir.toString());
        env.put("AGENTMAIL_BOOTSTRAP_KEY", KEY);
        env.put("AGENTMAIL_ADMIN_TOKEN", ADMIN_TOKEN);
        for (String port : List.of("AGENTMAIL_API_PORT", "AGENTMAIL_SMTP_PORT", "AGENTMAIL_SUBMISSION_PORT",
            "AGENTMAIL_IMAP_PORT", "AGENTMAIL_SUBMISSIONS_PORT", "AGENTMAIL_IMAPS_PORT", "AGENTMAIL_ADMIN_PORT")) {
            env.put(port, String.valueOf(FreePorts.next()));
        }
        return env;
    }

    /** Sends until told to stop, a new connection every 50 messages; records what was acknowledged with 250. */
    private static void send(int port, String address, int connection, AtomicBoolean sending, Map<String, Instant> acknowledged) {
        for (int batch = 0; sending.get(); batch++) {
            try {
                SMTPClient smtp = MailClients.smtp(port);
                for (int i = 0; i < 50 && sending.get(); i++) {
                    String subject = "backup-" + connection + "-" + batch + "-" + i;
                    if (MailClients.send(smtp, "load@example.com", address, subject)) {
                        acknowledged.put(subject, Instant.now());
                    }
                }
                smtp.disconnect();
            } catch (IOException | RuntimeException e) {
                // A refused or broken session: what it did not get acknowledged is not counted.
            }
        }
    }

    /** Until all are there, or a minute and a half without one more: the restored spool delivers at the machine's pace. */
    private static Map<String, Integer> awaitDelivered(int imapPort, String address, Set<String> expected) throws Exception {
        Map<String, Integer> present = subjects(imapPort, address);
        Instant lastProgress = Instant.now();
        while (!present.keySet().containsAll(expected)
            && Duration.between(lastProgress, Instant.now()).compareTo(Duration.ofSeconds(90)) < 0) {
            Thread.sleep(2_000);
            Map<String, Integer> now = subjects(imapPort, address);
            if (now.size() > present.size()) {
                lastProgress = Instant.now();
            }
            present = now;
        }
        return present;
    }

    private static Map<String, Integer> subjects(int imapPort, String address) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Store store = MailClients.imap(imapPort, address, KEY)) {
            Folder inbox = MailClients.openInbox(store);
            Message[] messages = inbox.getMessages();
            FetchProfile envelope = new FetchProfile();
            envelope.add(FetchProfile.Item.ENVELOPE);
            inbox.fetch(messages, envelope);
            for (Message message : messages) {
                counts.merge(message.getSubject(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** {@code ./agentmail backup|restore DIR}, in a JVM of its own, as the launcher runs it. */
    private record Command(int exitCode, String output) {
        static Command run(Map<String, String> env, Path work, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BackupCommand.class.getName()));
            command.addAll(List.of(args));
            Path output = Files.createTempFile(work, "command", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
            return new Command(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        }
    }
}
