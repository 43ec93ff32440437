package dev.agentmail.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmail.attachmenttext.TestDocuments;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Whether reading attachments as text slows ingest: the same mail with a PDF, a Word and an Excel file attached,
 * ingested by the embedded default with reading on and with it off ({@code AGENTMAIL_ATTACHMENT_TEXT=false}),
 * alternately in the same run, so that both see the same machine.
 */
final class AttachmentIngest {
    private static final int MAILBOXES = 100;
    private static final int POLL_MILLIS = 500;

    private final Path repository;
    private final Path work;
    private final byte[][] documents;

    AttachmentIngest(Path repository, Path work) throws Exception {
        this.repository = repository;
        this.work = work;
        // Made once: the client's work must not vary with the server's.
        this.documents = new byte[][] {
            TestDocuments.pdf("Invoice 2026-117 for the wombat enclosure, due in thirty days."),
            TestDocuments.docx("This contract binds both parties to the terms set out below."),
            TestDocuments.xlsx("Catering", 1250.5)};
    }

    void measure(int messages, int runs, int connections, Consumer<String> line) throws Exception {
        List<Double> on = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> read = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            double withReading = 0;
            for (boolean reading : List.of(true, false)) {
                Path dir = work.resolve("attachments-" + (reading ? "on-" : "off-") + run);
                java.nio.file.Files.createDirectories(dir);
                try (OurServer server = new OurServer(repository, dir, "embedded",
                    Map.of("AGENTMAIL_ATTACHMENT_TEXT", Boolean.toString(reading)))) {
                    List<String> mailboxes = server.createMailboxes(MAILBOXES);
                    Ingest.Result result = Ingest.run(server, mailboxes, messages, connections, this::mail);
                    System.out.printf("attachments, run %d, reading %s: %d messages in %.1f s, %.0f/s%n", run + 1,
                        reading ? "on" : "off", messages, result.seconds(), result.messagesPerSecond());
                    if (reading) {
                        withReading = result.messagesPerSecond();
                        on.add(withReading);
                        read.add(result.seconds() + secondsUntilRead(server, mailboxes));
                    } else {
                        off.add(result.messagesPerSecond());
                        ratios.add(withReading / result.messagesPerSecond());
                    }
                }
            }
        }
        line.accept("## 5. Attachment text and ingest");
        line.accept("");
        line.accept(messages + " messages, each with a PDF, a Word and an Excel file attached (about 10 KB of mail), "
            + "from " + connections + " SMTP connections to " + MAILBOXES + " inboxes of the embedded default, with "
            + "reading attachments on (the default) and off (`AGENTMAIL_ATTACHMENT_TEXT=false`), alternately; " + runs
            + " runs. Ingest ends when the API lists every message; the texts are read after it, off the delivery path.");
        line.accept("");
        line.accept("| reading | messages/s | every text read, s from the first connection | target |");
        line.accept("| --- | --- | --- | --- |");
        line.accept("| on | " + Stats.spread(on, "%.0f") + " | " + Stats.spread(read, "%.1f") + " | ratio on/off "
            + Stats.spread(ratios, "%.2f") + ", no slowdown within noise "
            + BenchmarkMain.verdict(Stats.median(ratios) >= 0.95) + " |");
        line.accept("| off | " + Stats.spread(off, "%.0f") + " |  |  |");
        line.accept("");
    }

    /** Seconds until the newest message of every inbox has all its attachments read (the queue is read in order). */
    private static double secondsUntilRead(OurServer server, List<String> mailboxes) throws InterruptedException {
        long start = System.nanoTime();
        for (String mailbox : mailboxes) {
            String inbox = server.inboxId(mailbox);
            String newest = server.api.ok(server.api.get("/api/v0/inboxes/" + inbox + "/messages?page_size=1"))
                .get("data").get(0).get("message_id").asText();
            while (pending(server.api.ok(server.api.get("/api/v0/inboxes/" + inbox + "/messages/" + newest)))) {
                Thread.sleep(POLL_MILLIS);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static boolean pending(JsonNode message) {
        for (JsonNode attachment : message.get("attachments")) {
            if (attachment.get("text_status").asText().equals("pending")) {
                return true;
            }
        }
        return false;
    }

    private byte[] mail(String from, String to, int i) {
        String boundary = "b-" + UUID.randomUUID();
        StringBuilder text = new StringBuilder()
            .append("From: ").append(from).append("\r\n")
            .append("To: ").append(to).append("\r\n")
            .append("Subject: Documents ").append(i).append("\r\n")
            .append("Message-ID: <").append(UUID.randomUUID()).append("@bench.example>\r\n")
            .append("Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n")
            .append("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n")
            .append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
            .append("Please find the invoice, the contract and the budget attached.\r\n");
        String[][] names = {{"invoice.pdf", "application/pdf"},
            {"contract.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
            {"budget.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}};
        for (int d = 0; d < documents.length; d++) {
            text.append("--").append(boundary).append("\r\nContent-Type: ").append(names[d][1])
                .append("\r\nContent-Disposition: attachment; filename=\"").append(names[d][0])
                .append("\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .append(Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(documents[d]))
                .append("\r\n");
        }
        text.append("--").append(boundary).append("--\r\n");
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
