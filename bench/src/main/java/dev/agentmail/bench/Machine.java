package dev.agentmail.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were measured on. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        String cpu = "unknown CPU";
        long memoryKib = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .findFirst().map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse(cpu);
            memoryKib = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal"))
                .findFirst().map(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).orElse(0L);
        } catch (Exception e) {
            // not Linux: say less
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + Math.round(memoryKib / 1048576.0)
            + " GiB, Java " + System.getProperty("java.version");
    }
}
