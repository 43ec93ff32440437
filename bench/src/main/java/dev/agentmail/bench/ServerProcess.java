package dev.agentmail.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A server in a JVM of its own, so that its start-up time and resident memory are its own. */
final class ServerProcess implements AutoCloseable {
    /** How long a server may take to become healthy; more on a machine that other work loads (-Dbench.startupSeconds). */
    private static final long STARTUP_SECONDS = Long.getLong("bench.startupSeconds", 180);

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    final double startupSeconds;

    private ServerProcess(Process process, double startupSeconds) {
        this.process = process;
        this.startupSeconds = startupSeconds;
    }

    /** Starts the command and waits until {@code healthUrl} answers 200. */
    static ServerProcess start(List<String> command, Map<String, String> env, Path workDir, String healthUrl)
        throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
            .redirectErrorStream(true).redirectOutput(workDir.resolve("server.log").toFile());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        // A harness stopped with Ctrl-C must not leave servers running.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        long deadline = start + TimeUnit.SECONDS.toNanos(STARTUP_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited; see " + workDir.resolve("server.log"));
            }
            try {
                HttpResponse<Void> health = HTTP.send(HttpRequest.newBuilder(URI.create(healthUrl))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return new ServerProcess(process, (System.nanoTime() - start) / 1e9);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server was not healthy within " + STARTUP_SECONDS + " s; see " + workDir.resolve("server.log"));
    }

    /** Resident memory now, in MiB, as the kernel counts it. */
    double residentMib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    /**
     * CPU time the server has used so far, user and system, in seconds: under load from other processes it still
     * says what a message costs the server, when wall-clock rates do not.
     */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime, fields 14 and 15 of stat(5), counted from the state field (3) here, in clock ticks.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** The java command running a main class on the packaged distribution's classpath, with the harness's JVM. */
    static List<String> java(Path repository, String mainClass, String... jvmOptions) {
        Path app = repository.resolve("app/target");
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        // For profiling: e.g. -Dbench.serverJvmOptions=-XX:StartFlightRecording=filename=server.jfr
        String extra = System.getProperty("bench.serverJvmOptions", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.add("-cp");
        command.add(app.resolve("agentmail-app.jar") + ":" + app.resolve("lib") + "/*");
        command.add(mainClass);
        return command;
    }
}
