package dev.revenant.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The machine and software a run measured, as lines for the report; parsing of /proc text is pure. */
public final class MachineDescription {
    private MachineDescription() {
    }

    public static List<String> describe(Map<String, Object> revenantProperties, Map<String, Object> rabbitmqProperties,
                                        Path perfTestLibrary, String loadBefore, String loadAfter) {
        List<String> lines = new ArrayList<>();
        String cpu = read("/proc/cpuinfo").flatMap(MachineDescription::cpuModel).orElse("unknown CPU");
        String memory = read("/proc/meminfo").flatMap(MachineDescription::memoryKibibytes)
                .map(kib -> String.format(Locale.ROOT, "%.1f GiB memory", kib / 1024.0 / 1024.0)).orElse("unknown memory");
        lines.add("Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")
                + "; load average " + loadBefore + " before, " + loadAfter + " after");
        lines.add("JDK (Revenant, PerfTest and the harness): " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"));
        lines.add("Brokers (from their AMQP server properties): " + product(revenantProperties) + "; " + product(rabbitmqProperties));
        lines.add("Load generator: " + perfTestJar(perfTestLibrary) + " (RabbitMQ's PerfTest from Maven Central), one fresh JVM per run");
        return lines;
    }

    static String product(Map<String, Object> properties) {
        return properties.getOrDefault("product", "?") + " " + properties.getOrDefault("version", "?")
                + " on " + properties.getOrDefault("platform", "?");
    }

    static Optional<String> cpuModel(String cpuinfo) {
        return cpuinfo.lines().filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst();
    }

    static Optional<Long> memoryKibibytes(String meminfo) {
        return meminfo.lines().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst();
    }

    /** The first field of /proc/loadavg (1-minute load), or "?" where there is none. */
    public static String loadAverage() {
        return read("/proc/loadavg").map(text -> text.split("\\s+")[0]).orElse("?");
    }

    private static String perfTestJar(Path library) {
        try (var files = Files.list(library)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("perf-test-"))
                    .map(n -> "PerfTest " + n.substring("perf-test-".length(), n.length() - ".jar".length()))
                    .findFirst().orElse("PerfTest (version unknown)");
        } catch (IOException e) {
            return "PerfTest (version unknown)";
        }
    }

    private static Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(Path.of(file)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
