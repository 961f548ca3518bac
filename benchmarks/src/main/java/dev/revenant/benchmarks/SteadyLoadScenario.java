package dev.revenant.benchmarks;

import dev.revenant.benchmarks.PerfTestOutput.Sample;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A time-limited PerfTest run whose summary averages are the result: sent and received rates,
 * and for latency scenarios the consumer-latency percentiles of PerfTest's summary plus the worst
 * one-second p99 (PerfTest prints no p99.9, so the far tail is shown this way instead).
 */
public final class SteadyLoadScenario implements Scenario {
    private final ScenarioDescription description;
    private final List<String> arguments;
    private final int durationSeconds;
    private final List<String> queues;
    private final List<String> exchanges;
    private final Consumer<Topology> prepare;
    private final Consumer<Topology> afterRun;
    private final Consumer<Topology> dispose;

    /**
     * @param queues    deleted after each run (PerfTest leaves named queues behind when they are not auto-delete)
     * @param exchanges deleted after each run
     */
    public SteadyLoadScenario(ScenarioDescription description, List<String> arguments, int durationSeconds,
                              List<String> queues, List<String> exchanges) {
        this(description, arguments, durationSeconds, queues, exchanges, t -> { }, t -> { }, t -> { });
    }

    public SteadyLoadScenario(ScenarioDescription description, List<String> arguments, int durationSeconds,
                              List<String> queues, List<String> exchanges, Consumer<Topology> prepare,
                              Consumer<Topology> afterRun, Consumer<Topology> dispose) {
        this.description = description;
        this.arguments = List.copyOf(arguments);
        this.durationSeconds = durationSeconds;
        this.queues = List.copyOf(queues);
        this.exchanges = List.copyOf(exchanges);
        this.prepare = prepare;
        this.afterRun = afterRun;
        this.dispose = dispose;
    }

    @Override
    public ScenarioDescription description() {
        return description;
    }

    @Override
    public void prepare(Target target) {
        prepare.accept(target.topology());
    }

    @Override
    public void dispose(Target target) {
        dispose.accept(target.topology());
    }

    @Override
    public Measurement run(Target target, String runName) {
        PerfTestOutput output = target.perfTest(runName, arguments, Duration.ofSeconds(durationSeconds + 60L));
        afterRun.accept(target.topology());
        target.topology().deleteQueues(queues);
        target.topology().deleteExchanges(exchanges);
        Measurement measurement = new Measurement();
        if (!measurement.accept("run", output)) {
            return measurement;
        }
        List<Metric> metrics = description.metrics();
        if (metrics.contains(Metric.SENT)) {
            measurement.put(Metric.SENT, output.sendingRate());
        }
        if (metrics.contains(Metric.RECEIVED)) {
            measurement.put(Metric.RECEIVED, output.receivingRate());
        }
        if (metrics.contains(Metric.LATENCY_P99)) {
            output.consumerLatency().ifPresentOrElse(latency -> measurement
                            .put(Metric.LATENCY_P50, latency.median())
                            .put(Metric.LATENCY_P95, latency.p95())
                            .put(Metric.LATENCY_P99, latency.p99()),
                    () -> measurement.note("PerfTest printed no consumer latency"));
            worstSecondP99(output.samples()).ifPresent(p99 -> measurement.put(Metric.LATENCY_WORST_SECOND_P99, p99));
        }
        return measurement;
    }

    /** The highest per-second p99, leaving out the first second (connection set-up and JIT) when there are later ones. */
    static java.util.OptionalDouble worstSecondP99(List<Sample> samples) {
        List<Sample> steady = samples.size() > 1 ? samples.subList(1, samples.size()) : samples;
        return steady.stream().filter(s -> s.consumerP99Micros() >= 0).mapToDouble(Sample::consumerP99Micros).max();
    }
}
