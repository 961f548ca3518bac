package dev.revenant.benchmarks;

import static dev.revenant.benchmarks.Metric.DRAIN_TIME;
import static dev.revenant.benchmarks.Metric.LATENCY_P50;
import static dev.revenant.benchmarks.Metric.LATENCY_P95;
import static dev.revenant.benchmarks.Metric.LATENCY_P99;
import static dev.revenant.benchmarks.Metric.LATENCY_WORST_SECOND_P99;
import static dev.revenant.benchmarks.Metric.PEAK_RSS;
import static dev.revenant.benchmarks.Metric.PUBLISH_TIME;
import static dev.revenant.benchmarks.Metric.RECEIVED;
import static dev.revenant.benchmarks.Metric.RSS_BEFORE;
import static dev.revenant.benchmarks.Metric.SENT;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The scenarios of the issue (S1-S7, L1) and the two runs that measure PerfTest's own ceiling
 * (C1 producer-only, C2 consumer-only), with their exact PerfTest arguments. Bodies are 100 bytes
 * unless stated. Queue and exchange names start with "bench-" so that leftovers are recognisable.
 */
public final class ScenarioCatalog {
    static final String CEILING_EXCHANGE = "bench-c1-nowhere";
    static final String TOPIC_EXCHANGE = "bench-s5";
    static final String TOPIC_QUEUE = "bench-s5";
    static final int TOPIC_BINDINGS = 10_000;
    /** Matches exactly one of the {@link Topology#topicPattern} bindings (number 4242). */
    static final String TOPIC_ROUTING_KEY = "bench.42.4242.x";

    private ScenarioCatalog() {
    }

    public static List<Scenario> all(Settings settings) {
        int d = settings.durationSeconds();
        String z = Integer.toString(d);
        List<Metric> rates = List.of(SENT, RECEIVED);
        List<Scenario> scenarios = new ArrayList<>();
        scenarios.add(steady("S1", "Transient, 1 producer -> 1 queue -> 1 consumer, auto-ack",
                List.of("-x", "1", "-y", "1", "-s", "100", "-u", "bench-s1", "-a", "-z", z), d,
                List.of("bench-s1"), List.of(), rates));
        scenarios.add(steady("S2", "Persistent, durable queue, publisher confirms (100 outstanding), manual acks (prefetch 100)",
                List.of("-x", "1", "-y", "1", "-s", "100", "-u", "bench-s2", "-f", "persistent", "-c", "100", "-q", "100", "-z", z), d,
                List.of("bench-s2"), List.of(), rates));
        scenarios.add(new DeadLetterScenario(d));
        scenarios.add(steady("S4", "Fan-out exchange to 10 queues, 10 consumers, auto-ack (received counts all 10 copies)",
                List.of("-x", "1", "-y", "10", "-s", "100", "-e", "bench-s4", "-t", "fanout",
                        "-qp", "bench-s4-%d", "-qpf", "1", "-qpt", "10", "-a", "-z", z), d,
                numbered("bench-s4-", 10), List.of("bench-s4"), rates));
        scenarios.add(new SteadyLoadScenario(
                new ScenarioDescription("S5", "Topic exchange with " + TOPIC_BINDINGS + " bindings (bench.<i%100>.<i>.* / .#), one match per message",
                        List.of(String.join(" ", topicArguments(z))), rates, List.of(RECEIVED)),
                topicArguments(z), d, List.of(), List.of(),
                topology -> topology.declareTopicBindings(TOPIC_EXCHANGE, TOPIC_QUEUE, TOPIC_BINDINGS),
                topology -> topology.purge(TOPIC_QUEUE),
                topology -> {
                    topology.deleteQueues(List.of(TOPIC_QUEUE));
                    topology.deleteExchanges(List.of(TOPIC_EXCHANGE));
                }));
        scenarios.add(steady("S6", "100 producers and 100 consumers (one connection each), each pair on its own queue, auto-ack",
                List.of("-x", "100", "-y", "100", "-s", "100", "-qp", "bench-s6-%d", "-qpf", "1", "-qpt", "100", "-a", "-z", z), d,
                numbered("bench-s6-", 100), List.of(), rates));
        scenarios.add(new BacklogScenario("S7", "Backlog: " + settings.backlogMessages()
                + " persistent 1 KiB messages published (confirms, 1000 outstanding) with no consumer, then drained",
                "bench-s7", settings.backlogMessages(), 1024, true,
                List.of(PUBLISH_TIME, DRAIN_TIME, RSS_BEFORE, PEAK_RSS), List.of(PUBLISH_TIME, DRAIN_TIME, PEAK_RSS)));
        List<String> latency = List.of("-x", "1", "-y", "1", "-s", "100", "-u", "bench-l1", "-a",
                "-r", Integer.toString(settings.latencyRate()), "-z", z);
        scenarios.add(steady("L1", "Latency at a fixed " + settings.latencyRate() + " msg/s, 1 -> 1 -> 1, auto-ack", latency, d,
                List.of("bench-l1"), List.of(),
                List.of(RECEIVED, LATENCY_P50, LATENCY_P95, LATENCY_P99, LATENCY_WORST_SECOND_P99), List.of(LATENCY_P99)));
        List<String> producerOnly = List.of("-x", "1", "-y", "0", "-s", "100", "-e", CEILING_EXCHANGE, "-t", "fanout", "-p", "-z", z);
        scenarios.add(new SteadyLoadScenario(
                new ScenarioDescription("C1", "PerfTest producer ceiling: 1 producer, no queue (exchange with no binding)",
                        List.of(String.join(" ", producerOnly)), List.of(SENT), List.of(SENT)),
                producerOnly, d, List.of(), List.of(),
                topology -> topology.declareUnboundExchange(CEILING_EXCHANGE), topology -> { },
                topology -> topology.deleteExchanges(List.of(CEILING_EXCHANGE))));
        scenarios.add(new BacklogScenario("C2", "PerfTest consumer ceiling: 1 auto-ack consumer draining "
                + settings.ceilingMessages() + " transient messages already queued",
                "bench-c2", settings.ceilingMessages(), 100, false, List.of(RECEIVED), List.of(RECEIVED)));
        return scenarios;
    }

    /** The warm-up run: S1's shape, its results discarded. */
    public static Scenario warmup(int seconds) {
        return steady("warmup", "warm-up", List.of("-x", "1", "-y", "1", "-s", "100", "-u", "bench-warmup", "-a",
                "-z", Integer.toString(seconds)), seconds, List.of("bench-warmup"), List.of(), List.of(SENT, RECEIVED));
    }

    private static List<String> topicArguments(String z) {
        return List.of("-x", "1", "-y", "1", "-s", "100", "-e", TOPIC_EXCHANGE, "-t", "topic", "-u", TOPIC_QUEUE,
                "-k", TOPIC_ROUTING_KEY, "-p", "-sb", "-a", "-z", z);
    }

    private static Scenario steady(String id, String title, List<String> arguments, int duration,
                                   List<String> queues, List<String> exchanges, List<Metric> metrics) {
        return steady(id, title, arguments, duration, queues, exchanges, metrics, List.of(RECEIVED));
    }

    private static Scenario steady(String id, String title, List<String> arguments, int duration, List<String> queues,
                                   List<String> exchanges, List<Metric> metrics, List<Metric> charted) {
        return new SteadyLoadScenario(new ScenarioDescription(id, title, List.of(String.join(" ", arguments)), metrics, charted),
                arguments, duration, queues, exchanges);
    }

    private static List<String> numbered(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + i).toList();
    }
}
