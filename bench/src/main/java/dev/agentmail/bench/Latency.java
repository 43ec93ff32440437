package dev.agentmail.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/** Times one API call, made {@code perClient} times by each of {@code clients} concurrent clients, in milliseconds. */
final class Latency {
    record Result(double p50, double p99, int calls) {
        String format() {
            return String.format("%.1f / %.1f", p50, p99);
        }
    }

    static Result measure(int clients, int perClient, IntConsumer call) throws Exception {
        for (int i = 0; i < Math.min(20, perClient); i++) {
            call.accept(-1 - i); // warm-up, not counted
        }
        List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        long start = System.nanoTime();
                        call.accept(client * perClient + i);
                        millis.add((System.nanoTime() - start) / 1e6);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(Stats.percentile(millis, 50), Stats.percentile(millis, 99), millis.size());
    }
}
