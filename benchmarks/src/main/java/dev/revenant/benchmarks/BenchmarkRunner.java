package dev.revenant.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs every scenario on both brokers, round after round, alternating the brokers (Revenant then
 * RabbitMQ for each scenario) so that drift of a shared machine hits both alike. A run that fails
 * becomes a note and the benchmark goes on; nothing is retried or dropped silently.
 */
public final class BenchmarkRunner {
    private final List<Scenario> scenarios;
    private final Map<Broker, Target> targets;
    private final Settings settings;
    private final PrintStream log;

    public BenchmarkRunner(List<Scenario> scenarios, Map<Broker, Target> targets, Settings settings, PrintStream log) {
        this.scenarios = List.copyOf(scenarios);
        this.targets = Map.copyOf(targets);
        this.settings = settings;
        this.log = log;
    }

    public RunResults run() {
        List<Observation> observations = new ArrayList<>();
        List<Note> notes = new ArrayList<>();
        for (Broker broker : Broker.values()) {
            long start = System.nanoTime();
            for (Scenario scenario : scenarios) {
                scenario.prepare(targets.get(broker));
            }
            log.printf("prepared topology on %s in %.1f s%n", broker.displayName(), (System.nanoTime() - start) / 1e9);
        }
        if (settings.warmupSeconds() > 0) {
            Scenario warmup = ScenarioCatalog.warmup(settings.warmupSeconds());
            for (Broker broker : Broker.values()) {
                Measurement m = runOne(warmup, broker, 0);
                log.printf("warm-up    %-9s %s%n", broker.displayName(), summary(m));
            }
        }
        for (int round = 1; round <= settings.rounds(); round++) {
            for (Scenario scenario : scenarios) {
                for (Broker broker : Broker.values()) {
                    Measurement m = runOne(scenario, broker, round);
                    final int r = round;
                    m.values().forEach((metric, value) -> observations.add(new Observation(scenario.id(), metric, broker, r, value)));
                    m.notes().forEach(text -> notes.add(new Note(scenario.id(), broker, r, text)));
                    log.printf("[round %d/%d] %-3s %-9s %s%n", round, settings.rounds(), scenario.id(), broker.displayName(), summary(m));
                }
            }
        }
        for (Broker broker : Broker.values()) {
            for (Scenario scenario : scenarios) {
                try {
                    scenario.dispose(targets.get(broker));
                } catch (RuntimeException e) {
                    log.println("clean-up of " + scenario.id() + " on " + broker.displayName() + " failed: " + e.getMessage());
                }
            }
        }
        return new RunResults(scenarios.stream().map(Scenario::description).toList(), observations, notes);
    }

    private Measurement runOne(Scenario scenario, Broker broker, int round) {
        try {
            return scenario.run(targets.get(broker), "r" + round + "-" + scenario.id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            return new Measurement().note("run failed: " + e.getMessage());
        }
    }

    private static String summary(Measurement m) {
        String values = m.values().entrySet().stream()
                .map(e -> e.getKey().label() + " " + e.getKey().format(e.getValue()) + " " + e.getKey().unit())
                .collect(Collectors.joining(", "));
        return m.notes().isEmpty() ? values : values + "  [" + String.join("; ", m.notes()) + "]";
    }
}
