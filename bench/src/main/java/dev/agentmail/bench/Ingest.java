package dev.agentmail.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SMTP ingest end to end: {@code messages} of about 10 KB from {@code connections} concurrent SMTP connections,
 * spread over the mailboxes, timed from the first connection until the server shows every one of them.
 */
final class Ingest {
    static final int MESSAGE_SIZE = 10 * 1024;
    /** Often enough to add little to a run of seconds, seldom enough not to load the server measured. */
    private static final int POLL_MILLIS = 100;

    record Result(double seconds, double messagesPerSecond, double peakResidentMib, double cpuMillisPerMessage) {
    }

    /** The {@code i}th message of a run, from one address to another. */
    interface Mail {
        byte[] make(String from, String to, int i);
    }

    static Result run(MailServer server, List<String> mailboxes, int messages, int connections) throws Exception {
        return run(server, mailboxes, messages, connections,
            (from, to, i) -> Smtp.message(from, to, "Ingest " + i, MESSAGE_SIZE));
    }

    static Result run(MailServer server, List<String> mailboxes, int messages, int connections, Mail mail) throws Exception {
        Map<String, Long> expected = new HashMap<>();
        for (String mailbox : mailboxes) {
            expected.put(mailbox, server.visible(mailbox));
        }
        for (int i = 0; i < messages; i++) {
            expected.merge(mailboxes.get(i % mailboxes.size()), 1L, Long::sum);
        }
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicReference<Double> peak = new AtomicReference<>(server.process().residentMib());
        Thread sampler = new Thread(() -> {
            while (loading.get()) {
                try {
                    double now = server.process().residentMib();
                    peak.accumulateAndGet(now, Math::max);
                    Thread.sleep(250);
                } catch (Exception e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.start();
        ExecutorService senders = Executors.newFixedThreadPool(connections);
        long start = System.nanoTime();
        double cpuAtStart = server.process().cpuSeconds();
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int connection = c;
                sent.add(senders.submit(() -> {
                    try (Smtp smtp = new Smtp(server.smtpPort())) {
                        for (int i = connection; i < messages; i += connections) {
                            String to = mailboxes.get(i % mailboxes.size());
                            smtp.send("sender@outside.example", to, mail.make("sender@outside.example", to, i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
            // One mailbox at a time, so that the polling costs the server a few requests a second, not hundreds.
            for (String mailbox : mailboxes) {
                while (server.visible(mailbox) < expected.get(mailbox)) {
                    Thread.sleep(POLL_MILLIS);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuMillis = (server.process().cpuSeconds() - cpuAtStart) * 1000 / messages;
            return new Result(seconds, messages / seconds, peak.get(), cpuMillis);
        } finally {
            loading.set(false);
            senders.shutdownNow();
            sampler.join();
        }
    }
}
