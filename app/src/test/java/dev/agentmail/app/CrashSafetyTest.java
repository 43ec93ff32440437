package dev.agentmail.app;

import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Store;
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
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message acknowledged with SMTP 250 survives SIGKILL of the server right after: once restarted on the same
 * data dir, every acknowledged message is in its mailbox exactly once.
 */
class CrashSafetyTest {
    private static final int MESSAGES = Integer.getInteger("agentmail.crash.messages", 200);
    private static final int CONNECTIONS = 4;
    private static final String KEY = "inai_crash_test_key_0123456789";

    @Test
    void acknowledgedMailSurvivesSigkill(@TempDir Path dataDir) throws Exception {
        Map<String, String> env = environment(dataDir);
        Path log = dataDir.resolve("server.log");
        ForkedServer server = ForkedServer.start(env, log);
        ApiClient api = new ApiClient("http://127.0.0.1:" + env.get("AGENTMAIL_API_PORT"), KEY);
        String address = api.post("/api/v0/inboxes", "{\"username\":\"crash\"}").json().get("email_address").asText();
        int smtpPort = Integer.parseInt(env.get("AGENTMAIL_SMTP_PORT"));

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger attempted = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(CONNECTIONS);
        List<Future<?>> running = new ArrayList<>();
        for (int connection = 0; connection < CONNECTIONS; connection++) {
            int id = connection;
            running.add(senders.submit(() -> send(smtpPort, address, id, attempted, acknowledged)));
        }
        while (acknowledged.size() < MESSAGES / 2 && running.stream().anyMatch(future -> !future.isDone())) {
            Thread.sleep(5);
        }
        server.kill();
        senders.shutdown();
        senders.awaitTermination(30, TimeUnit.SECONDS);

        ForkedServer restarted = ForkedServer.start(env, log);
        try {
            Map<String, Integer> present = awaitDelivered(env, address, acknowledged);
            long duplicates = present.values().stream().filter(count -> count > 1).count();
            long missing = acknowledged.stream().filter(subject -> !present.containsKey(subject)).count();
            long redeliveriesSkipped = java.nio.file.Files.readAllLines(log).stream()
                .filter(line -> line.contains("before the spool redelivered it")).count();
            System.out.printf("crash test: attempted=%d acknowledged=%d present=%d missing=%d duplicates=%d "
                    + "redelivered-and-skipped=%d%n",
                attempted.get(), acknowledged.size(), present.size(), missing, duplicates, redeliveriesSkipped);

            assertThat(acknowledged).isNotEmpty();
            assertThat(present.keySet()).containsAll(acknowledged);
            assertThat(duplicates).isZero();
        } finally {
            restarted.stop();
        }
    }

    private static Map<String, String> environment(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("AGENTMAIL_DATA_DIR", dataDir.toString());
        env.put("AGENTMAIL_BOOTSTRAP_KEY", KEY);
        env.put("AGENTMAIL_API_PORT", String.valueOf(FreePorts.next()));
        env.put("AGENTMAIL_SMTP_PORT", String.valueOf(FreePorts.next()));
        env.put("AGENTMAIL_SUBMISSION_PORT", String.valueOf(FreePorts.next()));
        env.put("AGENTMAIL_IMAP_PORT", String.valueOf(FreePorts.next()));
        env.put("AGENTMAIL_SUBMISSIONS_PORT", String.valueOf(FreePorts.next()));
        env.put("AGENTMAIL_IMAPS_PORT", String.valueOf(FreePorts.next()));
        env.put("AGENTMAIL_ADMIN_PORT", String.valueOf(FreePorts.next()));
        return env;
    }

    /** Sends until the server dies or this connection's share is sent; records what was acknowledged with 250. */
    private static void send(int port, String address, int connection, AtomicInteger attempted, Set<String> acknowledged) {
        try {
            SMTPClient smtp = MailClients.smtp(port);
            for (int i = 0; i < MESSAGES / CONNECTIONS; i++) {
                String subject = "crash-" + connection + "-" + i;
                attempted.incrementAndGet();
                if (MailClients.send(smtp, "load@example.com", address, subject)) {
                    acknowledged.add(subject);
                }
            }
            smtp.disconnect();
        } catch (Exception serverGone) {
            // The kill interrupts the session: whatever was not acknowledged may be lost, nothing else.
        }
    }

    private static Map<String, Integer> awaitDelivered(Map<String, String> env, String address, Set<String> acknowledged)
        throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Map<String, Integer> present = Map.of();
        while (Instant.now().isBefore(deadline)) {
            present = subjects(Integer.parseInt(env.get("AGENTMAIL_IMAP_PORT")), address);
            if (present.keySet().containsAll(acknowledged)) {
                Thread.sleep(2_000);
                return subjects(Integer.parseInt(env.get("AGENTMAIL_IMAP_PORT")), address);
            }
            Thread.sleep(500);
        }
        return present;
    }

    private static Map<String, Integer> subjects(int imapPort, String address) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (Store store = MailClients.imap(imapPort, address, KEY)) {
            Folder inbox = MailClients.openInbox(store);
            for (Message message : inbox.getMessages()) {
                counts.merge(message.getSubject(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
