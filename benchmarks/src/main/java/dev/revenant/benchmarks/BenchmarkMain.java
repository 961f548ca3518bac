package dev.revenant.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Entry point used by benchmarks/run once both brokers are up: runs the scenarios, then writes
 * report.md, chart.svg and observations.csv (every single value, for anyone who distrusts
 * medians) under --out, and optionally the results section of docs/benchmarks.md.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    public static void main(String[] args) throws IOException {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Instant started = Instant.now();
        String java = ProcessHandle.current().info().command().orElse("java");
        PerfTestLauncher launcher = new PerfTestLauncher(java, options.perfTestLibrary(), options.out().resolve("raw"));
        Map<Broker, Target> targets = new EnumMap<>(Broker.class);
        targets.put(Broker.REVENANT, target(Broker.REVENANT, options.revenant(), launcher));
        targets.put(Broker.RABBITMQ, target(Broker.RABBITMQ, options.rabbitmq(), launcher));
        Map<String, Object> revenantProperties = targets.get(Broker.REVENANT).topology().serverProperties();
        Map<String, Object> rabbitmqProperties = targets.get(Broker.RABBITMQ).topology().serverProperties();
        String loadBefore = MachineDescription.loadAverage();

        List<Scenario> scenarios = ScenarioCatalog.all(options.settings()).stream()
                .filter(s -> options.scenarios().isEmpty() || options.scenarios().contains(s.id())).toList();
        RunResults results = new BenchmarkRunner(scenarios, targets, options.settings(), System.out).run();

        List<String> environment = MachineDescription.describe(revenantProperties, rabbitmqProperties,
                options.perfTestLibrary(), loadBefore, MachineDescription.loadAverage());
        Duration elapsed = Duration.between(started, Instant.now());
        String chartTitle = "Revenant vs RabbitMQ, same PerfTest, same machine: " + options.label().split(":")[0];
        String chart = SvgBarChart.render(chartTitle, results);
        Files.createDirectories(options.out());
        String report = MarkdownReport.render(new ReportContext(options.label(), options.command(), started, elapsed,
                environment, options.settings(), "chart.svg"), results);
        write(options.out().resolve("report.md"), report);
        write(options.out().resolve("chart.svg"), chart);
        write(options.out().resolve("observations.csv"), csv(results));
        System.out.println();
        System.out.println(report);
        System.out.println("written: " + options.out().resolve("report.md") + ", chart.svg, observations.csv, raw/");
        if (options.docs().isPresent()) {
            Path docs = options.docs().get();
            Path chartFile = options.docsChart().orElseThrow();
            Files.createDirectories(chartFile.toAbsolutePath().getParent());
            write(chartFile, chart);
            String link = docs.toAbsolutePath().getParent().relativize(chartFile.toAbsolutePath()).toString();
            String section = MarkdownReport.render(new ReportContext(options.label(), options.command(), started, elapsed,
                    environment, options.settings(), link), results);
            String current = Files.exists(docs) ? Files.readString(docs) : "# Benchmarks\n";
            write(docs, DocsSection.replace(current, section));
            System.out.println("updated: " + docs + " and " + chartFile);
        }
    }

    private static Target target(Broker broker, BenchmarkOptions.Endpoint endpoint, PerfTestLauncher launcher) {
        return new Target(broker, endpoint.port(), endpoint.pid(), launcher, new Topology(endpoint.port()));
    }

    static String csv(RunResults results) {
        return "scenario,metric,unit,broker,round,value\n" + results.observations().stream()
                .map(o -> String.join(",", o.scenarioId(), o.metric().name(), o.metric().unit(), o.broker().name(),
                        Integer.toString(o.round()), Double.toString(o.value())))
                .collect(Collectors.joining("\n")) + "\n";
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
