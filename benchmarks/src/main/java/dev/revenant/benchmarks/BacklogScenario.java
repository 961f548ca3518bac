package dev.revenant.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes a fixed number of messages with no consumer, waits until the queue holds them, then
 * drains it with one auto-ack consumer. Publish time is PerfTest's own (messages over its sending
 * average) plus however long the broker took after PerfTest finished to hold them all; drain time
 * is messages over the consumer's average. Optionally watches the broker's peak RSS meanwhile.
 * Used for S7 (persistent 1 KiB, confirms) and for the load generator's consumer ceiling.
 */
public final class BacklogScenario implements Scenario {
    private final ScenarioDescription description;
    private final String queue;
    private final int messages;
    private final List<String> publishArguments;
    private final List<String> drainArguments;

    public BacklogScenario(String id, String title, String queue, int messages, int bodyBytes, boolean persistent,
                           List<Metric> metrics, List<Metric> charted) {
        this.queue = queue;
        this.messages = messages;
        List<String> publish = new ArrayList<>(List.of("-x", "1", "-y", "0", "-u", queue, "-ad", "false",
                "-s", Integer.toString(bodyBytes), "-C", Integer.toString(messages)));
        if (persistent) {
            publish.addAll(List.of("-f", "persistent", "-c", "1000"));
        }
        this.publishArguments = List.copyOf(publish);
        this.drainArguments = List.of("-x", "0", "-y", "1", "-u", queue, "-p", "-a", "-D", Integer.toString(messages));
        this.description = new ScenarioDescription(id, title,
                List.of(String.join(" ", publishArguments) + "   (publish, no consumer)",
                        String.join(" ", drainArguments) + "   (drain, once the queue holds them all)"),
                metrics, charted);
    }

    @Override
    public ScenarioDescription description() {
        return description;
    }

    @Override
    public Measurement run(Target target, String runName) throws InterruptedException {
        Duration deadline = Duration.ofSeconds(120L + messages / 1000);
        Measurement measurement = new Measurement();
        target.topology().deleteQueues(List.of(queue));
        boolean watchMemory = description.metrics().contains(Metric.PEAK_RSS);
        ResidentMemory memory = watchMemory ? new ResidentMemory(target.pid()) : null;
        try {
            PerfTestOutput published = target.perfTest(runName + "-publish", publishArguments, deadline);
            long afterPublisher = System.nanoTime();
            long depth = target.topology().awaitDepth(queue, messages, Duration.ofSeconds(120));
            double settle = (System.nanoTime() - afterPublisher) / 1e9;
            if (!measurement.accept("publish", published)) {
                return measurement;
            }
            if (depth < messages) {
                measurement.note("only " + depth + " of " + messages + " messages reached the queue");
            } else if (description.metrics().contains(Metric.PUBLISH_TIME) && published.sendingRate() > 0) {
                measurement.put(Metric.PUBLISH_TIME, messages / published.sendingRate() + settle);
            }
            if (depth == 0) {
                return measurement; // nothing to drain; "-D 0" would mean "no limit" to PerfTest
            }
            List<String> drain = new ArrayList<>(drainArguments);
            drain.set(drain.size() - 1, Long.toString(depth));
            PerfTestOutput drained = target.perfTest(runName + "-drain", drain, deadline);
            if (measurement.accept("drain", drained) && drained.receivingRate() > 0) {
                if (description.metrics().contains(Metric.DRAIN_TIME)) {
                    measurement.put(Metric.DRAIN_TIME, depth / drained.receivingRate());
                }
                if (description.metrics().contains(Metric.RECEIVED)) {
                    measurement.put(Metric.RECEIVED, drained.receivingRate());
                }
            }
        } finally {
            if (memory != null) {
                memory.close();
                memory.firstMebibytes().ifPresent(mib -> measurement.put(Metric.RSS_BEFORE, mib));
                memory.peakMebibytes().ifPresentOrElse(mib -> measurement.put(Metric.PEAK_RSS, mib),
                        () -> measurement.note("could not read /proc/" + target.pid() + "/status"));
            }
            target.topology().deleteQueues(List.of(queue));
        }
        return measurement;
    }
}
