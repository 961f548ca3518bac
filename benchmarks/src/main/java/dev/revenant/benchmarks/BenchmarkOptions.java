package dev.revenant.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The harness's command line, as benchmarks/run passes it. Parsing is pure and fails fast with
 * the flag's name on anything missing or malformed.
 *
 * @param scenarios   ids to run; empty means all
 * @param docs        the Markdown file whose results section is replaced, if any
 * @param docsChart   where the chart goes when {@code docs} is set (linked relative to it)
 */
public record BenchmarkOptions(Endpoint revenant, Endpoint rabbitmq, Path perfTestLibrary, Path out, Settings settings,
                               Set<String> scenarios, String label, String command, Optional<Path> docs,
                               Optional<Path> docsChart) {

    /** Where a running broker listens, and its process id (for memory sampling). */
    public record Endpoint(int port, long pid) {
    }

    static final String USAGE = "usage: BenchmarkMain --revenant PORT:PID --rabbitmq PORT:PID --perftest-lib DIR --out DIR"
            + " [--rounds N] [--duration S] [--warmup S] [--backlog N] [--ceiling-messages N] [--latency-rate R]"
            + " [--scenarios S1,S2,...] [--label TEXT] [--command TEXT] [--docs FILE --docs-chart FILE]";
    private static final Set<String> FLAGS = Set.of("--revenant", "--rabbitmq", "--perftest-lib", "--out", "--rounds",
            "--duration", "--warmup", "--backlog", "--ceiling-messages", "--latency-rate", "--scenarios", "--label",
            "--command", "--docs", "--docs-chart");

    public static BenchmarkOptions parse(String... args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!FLAGS.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value\n" + USAGE);
            }
            flags.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--revenant", "--rabbitmq", "--perftest-lib", "--out")) {
            if (!flags.containsKey(required)) {
                throw new IllegalArgumentException("missing " + required + "\n" + USAGE);
            }
        }
        if (flags.containsKey("--docs") != flags.containsKey("--docs-chart")) {
            throw new IllegalArgumentException("--docs and --docs-chart go together\n" + USAGE);
        }
        Settings settings = new Settings(integer(flags, "--rounds", 5), integer(flags, "--duration", 20),
                integer(flags, "--warmup", 10), integer(flags, "--backlog", 1_000_000),
                integer(flags, "--ceiling-messages", 1_000_000), integer(flags, "--latency-rate", 5_000));
        Set<String> scenarios = new LinkedHashSet<>();
        if (flags.containsKey("--scenarios")) {
            Arrays.stream(flags.get("--scenarios").split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(scenarios::add);
        }
        return new BenchmarkOptions(endpoint(flags, "--revenant"), endpoint(flags, "--rabbitmq"),
                Path.of(flags.get("--perftest-lib")), Path.of(flags.get("--out")), settings, scenarios,
                flags.getOrDefault("--label", "benchmark run"), flags.getOrDefault("--command", "benchmarks/run"),
                Optional.ofNullable(flags.get("--docs")).map(Path::of), Optional.ofNullable(flags.get("--docs-chart")).map(Path::of));
    }

    private static int integer(Map<String, String> flags, String flag, int fallback) {
        String value = flags.get(flag);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, not '" + value + "'");
        }
    }

    private static Endpoint endpoint(Map<String, String> flags, String flag) {
        String[] parts = flags.get(flag).split(":");
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            return new Endpoint(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be PORT:PID, not '" + flags.get(flag) + "'");
        }
    }
}
