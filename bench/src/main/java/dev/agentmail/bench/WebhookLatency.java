package dev.agentmail.bench;

import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * From the end of SMTP DATA (the server's 250) to the signed webhook arriving at a receiver on loopback, for
 * {@code messages} sent one after the other.
 */
final class WebhookLatency {
    static Latency.Result measure(OurServer server, int messages) throws Exception {
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.createContext("/hook", exchange -> {
            long now = System.nanoTime();
            try (exchange) {
                var event = Api.JSON.readTree(exchange.getRequestBody());
                arrivals.putIfAbsent(event.get("message").get("subject").asText(), now);
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        try {
            Api api = server.api;
            var inbox = api.ok(api.post("/api/v0/inboxes", "{\"username\":\"hooked\"}"));
            String inboxId = inbox.get("inbox_id").asText();
            api.ok(api.post("/api/v0/webhooks", "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/hook\",\"event_types\":[\"message.received\"],\"inbox_ids\":[\"" + inboxId + "\"]}"));
            String address = inbox.get("email_address").asText();
            List<Double> millis = new ArrayList<>();
            try (Smtp smtp = new Smtp(server.smtpPort())) {
                for (int i = -10; i < messages; i++) {
                    String subject = "Hook " + i;
                    smtp.send("sender@outside.example", address, Smtp.message("sender@outside.example", address, subject, 2048));
                    long accepted = System.nanoTime();
                    long deadline = accepted + TimeUnit.SECONDS.toNanos(30);
                    while (!arrivals.containsKey(subject) && System.nanoTime() < deadline) {
                        Thread.sleep(0, 200_000);
                    }
                    Long arrived = arrivals.get(subject);
                    if (arrived == null) {
                        throw new IllegalStateException("no webhook for " + subject + " within 30 s");
                    }
                    if (i >= 0) {
                        millis.add((arrived - accepted) / 1e6);
                    }
                }
            }
            return new Latency.Result(Stats.percentile(millis, 50), Stats.percentile(millis, 99), millis.size());
        } finally {
            receiver.stop(0);
        }
    }
}
