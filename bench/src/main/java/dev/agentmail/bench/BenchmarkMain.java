package dev.agentmail.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;

/**
 * {@code ./agentmail bench}: measures ingest against stock James, API and webhook latency and resources, prints the
 * table and writes it to docs/benchmarks.md. Options: {@code --messages N} (10000), {@code --runs R} (3),
 * {@code --deep M} (messages in the deep inbox, 100000), {@code --calls C} (per client and call, 200),
 * {@code --attachment-messages A} (mail with attachments, a fifth of N; {@code --only attachments} measures just that,
 * printing without writing the file). On the durable PostgreSQL server {@code ./agentmail bench} starts
 * (AGENTMAIL_BENCH_DB_URL, _USER, _PASSWORD), ingest and resources are measured on the PostgreSQL profile too. With the
 * test cluster's AGENTMAIL_TEST_CASSANDRA, _OPENSEARCH and _RABBITMQ set ({@code ./agentmail bench --distributed}),
 * ingest and resources are measured on one distributed node too. For iterating on one figure:
 * {@code --profiles stock,memory} (of stock, memory, embedded, postgres, distributed) measures only those servers' ingest, and
 * {@code --only ingest} stops after the ingest table; either leaves docs/benchmarks.md as it is ({@code --only
 * databases}: the durable writes of a delivery in each embedded engine, {@link DatabaseCommits}; {@code --only api}:
 * the API and webhook latency alone).
 */
public final class BenchmarkMain {
    private static final int MAILBOXES = 100;
    private static final int CONNECTIONS = 8;

    private final Path repository;
    private final Path work;
    private final Map<String, String> options;
    private final StringBuilder report = new StringBuilder();

    private BenchmarkMain(Path repository, Map<String, String> options) throws IOException {
        this.repository = repository;
        this.options = options;
        this.work = Files.createTempDirectory("agentmail-bench");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new BenchmarkMain(Path.of("").toAbsolutePath(), options).run(String.join(" ", args));
        System.exit(0);
    }

    private int option(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
    }

    private record Profile(String key, String name, Starter starter) {
    }

    private static final String STOCK = "stock James 3.8.1 (memory)";
    private static final String MEMORY = "agentmail, memory";
    private static final String EMBEDDED = "agentmail, embedded (default)";
    private static final String POSTGRES = "agentmail, PostgreSQL (same machine)";
    private static final String DISTRIBUTED = "agentmail, distributed (one node)";

    /** The cluster `./agentmail bench --distributed` started, if it did. */
    private static Optional<Map<String, String>> cluster() {
        String cassandra = System.getenv("AGENTMAIL_TEST_CASSANDRA");
        String openSearch = System.getenv("AGENTMAIL_TEST_OPENSEARCH");
        String rabbitMq = System.getenv("AGENTMAIL_TEST_RABBITMQ");
        String management = System.getenv("AGENTMAIL_TEST_RABBITMQ_MANAGEMENT");
        if (cassandra == null || openSearch == null || rabbitMq == null || management == null) {
            return Optional.empty();
        }
        return Optional.of(Map.of("AGENTMAIL_CASSANDRA_HOSTS", cassandra, "AGENTMAIL_OPENSEARCH_URL", openSearch,
            "AGENTMAIL_RABBITMQ_URI", rabbitMq, "AGENTMAIL_RABBITMQ_MANAGEMENT_URL", management));
    }

    /** The durable PostgreSQL server `./agentmail bench` started (AGENTMAIL_BENCH_DB_URL, _USER, _PASSWORD), if it did. */
    private static Optional<PostgresServer> postgres() {
        return Optional.ofNullable(System.getenv("AGENTMAIL_BENCH_DB_URL")).map(url -> new PostgresServer(url,
            System.getenv("AGENTMAIL_BENCH_DB_USER"), System.getenv("AGENTMAIL_BENCH_DB_PASSWORD")));
    }

    /** Each run on fresh tables and a fresh index, so that no run reads what an earlier one left. */
    private static Map<String, String> withNewKeyspace(Map<String, String> cluster) {
        Map<String, String> settings = new HashMap<>(cluster);
        settings.put("AGENTMAIL_CASSANDRA_KEYSPACE", "bench_" + Long.toHexString(System.nanoTime()));
        return settings;
    }

    private interface Starter {
        MailServer start(Path dir) throws Exception;
    }

    private void run(String arguments) throws Exception {
        int messages = option("messages", 10_000);
        int runs = option("runs", 3);
        int deep = option("deep", 100_000);
        int calls = option("calls", 200);
        if ("attachments".equals(options.get("only"))) {
            new AttachmentIngest(repository, work).measure(option("attachment-messages", messages / 5), runs,
                CONNECTIONS, System.out::println);
            return;
        }
        if ("databases".equals(options.get("only"))) {
            System.out.print(DatabaseCommits.table(DatabaseCommits.run(work.resolve("databases"), messages)));
            return;
        }
        line("# Benchmarks");
        line("");
        Optional<Map<String, String>> cluster = cluster();
        line("Machine: " + Machine.describe() + ". Date: " + LocalDate.now() + ". Command: `./agentmail bench"
            + (cluster.isPresent() ? " --distributed" : "") + (arguments.isEmpty() ? "" : " " + arguments) + "`.");
        line("Every server runs in a JVM of its own, ours with the launcher's JVM options (app/jvm.options), stock "
            + "James with the JVM's defaults; each figure of several runs is the median with the range (min–max) after it.");
        line("");
        if ("api".equals(options.get("only"))) {
            try (OurServer server = new OurServer(repository, work.resolve("api"), "embedded")) {
                apiLatency(server, deep, calls);
                webhookLatency(server, calls);
            }
            return;
        }

        List<Profile> profiles = new ArrayList<>(List.of(
            new Profile("stock", STOCK, dir -> new StockJames(repository, dir)),
            new Profile("memory", MEMORY, dir -> new OurServer(repository, dir, "memory")),
            new Profile("embedded", EMBEDDED, dir -> new OurServer(repository, dir, "embedded"))));
        Optional<PostgresServer> postgres = postgres();
        postgres.ifPresent(server -> profiles.add(new Profile("postgres", POSTGRES,
            dir -> new OurServer(repository, dir, "postgres", server.newDatabase()))));
        cluster.ifPresent(settings -> profiles.add(new Profile("distributed", DISTRIBUTED, dir -> new OurServer(repository,
            dir, "distributed", withNewKeyspace(settings)))));
        if (options.containsKey("only") && !options.get("only").equals("ingest")) {
            throw new IllegalArgumentException("--only takes ingest, api, attachments or databases");
        }
        boolean partial = options.containsKey("profiles") || options.containsKey("only");
        if (options.containsKey("profiles")) {
            List<String> wanted = List.of(options.get("profiles").split(","));
            profiles.removeIf(profile -> !wanted.contains(profile.key()));
        }
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, List<Double>> startups = new LinkedHashMap<>();
        Map<String, List<Double>> idle = new LinkedHashMap<>();
        Map<String, List<Double>> peaks = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
            for (Profile profile : profiles) {
                try (MailServer server = profile.starter().start(work.resolve(profile.name().replaceAll("\\W+", "-") + run))) {
                    startups.computeIfAbsent(profile.name(), k -> new ArrayList<>()).add(server.process().startupSeconds);
                    Thread.sleep(3_000);
                    idle.computeIfAbsent(profile.name(), k -> new ArrayList<>()).add(server.process().residentMib());
                    List<String> mailboxes = server.createMailboxes(MAILBOXES);
                    Ingest.Result result = Ingest.run(server, mailboxes, messages, CONNECTIONS);
                    System.out.printf("run %d, %s: %d messages in %.1f s, %.0f/s, server CPU %.1f ms a message, peak RSS %.0f MiB%n",
                        run + 1, profile.name(), messages, result.seconds(), result.messagesPerSecond(),
                        result.cpuMillisPerMessage(), result.peakResidentMib());
                    rates.computeIfAbsent(profile.name(), k -> new ArrayList<>()).add(result.messagesPerSecond());
                    peaks.computeIfAbsent(profile.name(), k -> new ArrayList<>()).add(result.peakResidentMib());
                }
            }
        }
        if (partial) {
            for (Profile profile : profiles) {
                line("| " + profile.name() + " | " + Stats.spread(rates.get(profile.name()), "%.0f") + " |");
            }
            if (rates.containsKey(STOCK) && rates.containsKey(MEMORY)) {
                line("memory / stock, per run: " + ratios(rates.get(MEMORY), rates.get(STOCK)).stream().map(r -> String.format("%.2f", r)).toList());
            }
            System.out.println("\nA partial run (--profiles or --only): docs/benchmarks.md left as it is.");
            return;
        }
        String stock = STOCK;
        String memory = MEMORY;
        String embedded = EMBEDDED;
        line("## 1. SMTP ingest, end to end");
        line("");
        line(messages + " messages of about 10 KB from " + CONNECTIONS + " concurrent SMTP connections to " + MAILBOXES
            + " mailboxes; time from the first connection until the server shows every message (our API listing; "
            + "IMAP STATUS for stock James). " + runs + " runs, a fresh server each.");
        line("");
        line("| server | messages/s | target |");
        line("| --- | --- | --- |");
        line("| " + stock + " | " + Stats.spread(rates.get(stock), "%.0f") + " | reference |");
        line(ratioRow(memory, rates.get(memory), rates.get(stock), "stock", 0.9));
        line(ratioRow(embedded, rates.get(embedded), rates.get(stock), "stock", 0.6));
        if (postgres.isPresent()) {
            line("| " + POSTGRES + " | " + Stats.spread(rates.get(POSTGRES), "%.0f") + " | reported beside the others: "
                + "ratio to stock " + Stats.spread(ratios(rates.get(POSTGRES), rates.get(stock)), "%.2f") + " |");
        }
        if (cluster.isPresent()) {
            line(ratioRow(DISTRIBUTED, rates.get(DISTRIBUTED), rates.get(embedded), "embedded", 0.75));
        }
        line("");

        try (OurServer server = new OurServer(repository, work.resolve("api"), "embedded")) {
            apiLatency(server, deep, calls);
            webhookLatency(server, calls);
        }

        line("## 4. Resources");
        line("");
        line("| server | start-up to healthy, s | resident memory idle, MiB | resident memory under ingest (peak), MiB |");
        line("| --- | --- | --- | --- |");
        for (Profile profile : profiles) {
            line("| " + profile.name() + " | " + Stats.spread(startups.get(profile.name()), "%.1f") + " | "
                + Stats.spread(idle.get(profile.name()), "%.0f") + " | " + Stats.spread(peaks.get(profile.name()), "%.0f") + " |");
        }
        line("");
        line("Targets: healthy within 15 s " + verdict(Stats.median(startups.get(embedded)) < 15)
            + "; resident memory under ingest below 1 GiB " + verdict(Stats.median(peaks.get(embedded)) < 1024)
            + " (embedded).");
        line("");
        new AttachmentIngest(repository, work).measure(option("attachment-messages", messages / 5), runs, CONNECTIONS,
            this::line);
        Path out = repository.resolve("docs/benchmarks.md");
        Files.createDirectories(out.getParent());
        String previous = Files.exists(out) ? Files.readString(out) : "";
        int notes = previous.indexOf("\n## Notes");
        Files.writeString(out, report + (notes >= 0 ? previous.substring(notes) : ""));
        System.out.println("\nWritten to " + out);
    }

    private void apiLatency(OurServer server, int deep, int calls) throws Exception {
        Api api = server.api;
        String deepAddress = server.createInbox("deep");
        String deepId = server.inboxId(deepAddress);
        Ingest.Result filled = Ingest.run(server, List.of(deepAddress), deep, CONNECTIONS);
        System.out.printf("deep inbox: %d messages in %.0f s (%.0f/s)%n", deep, filled.seconds(), filled.messagesPerSecond());
        var from = api.ok(api.post("/api/v0/inboxes", "{\"username\":\"sender\"}")).get("inbox_id").asText();
        String to = api.ok(api.post("/api/v0/inboxes", "{\"username\":\"receiver\"}")).get("email_address").asText();
        List<String> ids = new ArrayList<>();
        for (int page = 1; page <= 5; page++) {
            api.ok(api.get("/api/v0/inboxes/" + deepId + "/messages?page_size=100&page=" + page)).get("data")
                .forEach(message -> ids.add(message.get("message_id").asText()));
        }
        int middle = Math.max(1, deep / 20 / 2);
        Map<String, IntConsumer> operations = new LinkedHashMap<>();
        operations.put("create inbox", i -> api.ok(api.post("/api/v0/inboxes",
            "{\"username\":\"lat-" + Math.abs(i) + "-" + System.nanoTime() + "\"}")));
        operations.put("send to a local inbox", i -> api.ok(api.post("/api/v0/inboxes/" + from + "/messages/send",
            "{\"to\":[\"" + to + "\"],\"subject\":\"Latency " + i + "\",\"text\":\"Hello from the benchmark.\"}")));
        operations.put("list messages, page 1", i -> api.ok(api.get("/api/v0/inboxes/" + deepId + "/messages")));
        operations.put("list messages, page " + middle, i -> api.ok(api.get("/api/v0/inboxes/" + deepId
            + "/messages?page=" + middle)));
        operations.put("get message", i -> api.ok(api.get("/api/v0/inboxes/" + deepId + "/messages/"
            + ids.get(ThreadLocalRandom.current().nextInt(ids.size())))));
        operations.put("list threads, page 1", i -> api.ok(api.get("/api/v0/inboxes/" + deepId + "/threads")));
        line("## 2. API latency");
        line("");
        line("Embedded storage, an inbox of " + deep + " messages (filled over SMTP at "
            + String.format("%.0f", filled.messagesPerSecond()) + "/s), " + calls + " calls per client after a warm-up; "
            + "milliseconds, p50 / p99.");
        line("");
        line("| call | 1 client | 8 clients | target (p99) |");
        line("| --- | --- | --- | --- |");
        for (Map.Entry<String, IntConsumer> operation : operations.entrySet()) {
            Latency.Result single = Latency.measure(1, calls, operation.getValue());
            Latency.Result eight = Latency.measure(8, Math.max(1, calls / 4), operation.getValue());
            String name = operation.getKey();
            String target = name.startsWith("list messages") || name.equals("get message")
                || name.startsWith("list threads")
                ? "< 20 ms / < 50 ms " + verdict(single.p99() < 20 && eight.p99() < 50)
                : name.equals("create inbox") ? "< 50 ms " + verdict(eight.p99() < 50) : "";
            line("| " + name + " | " + single.format() + " | " + eight.format() + " | " + target + " |");
        }
        line("");
    }

    private void webhookLatency(OurServer server, int calls) throws Exception {
        line("## 3. Webhook latency");
        line("");
        Latency.Result hooks = WebhookLatency.measure(server, calls);
        line("From the server's 250 to the end of DATA until the signed `message.received` reaches a receiver on "
            + "loopback, " + hooks.calls() + " messages one after another, embedded storage.");
        line("");
        line("| p50 ms | p99 ms | target |");
        line("| --- | --- | --- |");
        line(String.format("| %.1f | %.1f | p99 < 100 ms %s |", hooks.p50(), hooks.p99(), verdict(hooks.p99() < 100)));
        line("");
    }

    /** Each run's rate over the reference server's rate in that same run. */
    private static List<Double> ratios(List<Double> rates, List<Double> reference) {
        List<Double> ratios = new ArrayList<>();
        for (int run = 0; run < rates.size(); run++) {
            ratios.add(rates.get(run) / reference.get(run));
        }
        return ratios;
    }

    /** A table row whose target is a ratio to another server's rate. */
    private static String ratioRow(String server, List<Double> rates, List<Double> reference, String referenceName,
        double target) {
        List<Double> ratios = ratios(rates, reference);
        return "| " + server + " | " + Stats.spread(rates, "%.0f") + " | ≥ " + target + " × " + referenceName
            + ": ratio " + Stats.spread(ratios, "%.2f") + " " + verdict(Stats.median(ratios) >= target) + " |";
    }

    static String verdict(boolean met) {
        return met ? "**met**" : "**not met**";
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }
}
