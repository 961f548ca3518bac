package dev.revenant.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * S3: a consumer nacks every message with requeue=false; the queue's dead-letter exchange routes
 * them to a DLQ that a second PerfTest process consumes. The dead-letter rate is the median of
 * that consumer's one-second reports, because its process starts and ends a little apart from the
 * producer's and its average would count that idle time. A DLQ that receives nothing is reported
 * as 0 with a note, never left out.
 */
public final class DeadLetterScenario implements Scenario {
    static final String QUEUE = "bench-s3";
    static final String DEAD_LETTER_EXCHANGE = "bench-s3-dlx";
    static final String DEAD_LETTER_QUEUE = "bench-s3-dlq";
    private final int durationSeconds;

    public DeadLetterScenario(int durationSeconds) {
        this.durationSeconds = durationSeconds;
    }

    List<String> producerArguments() {
        return List.of("-x", "1", "-y", "1", "-s", "100", "-u", QUEUE,
                "-qa", "x-dead-letter-exchange=" + DEAD_LETTER_EXCHANGE, "-na", "-re", "false", "-q", "100",
                "-z", Integer.toString(durationSeconds));
    }

    List<String> deadLetterConsumerArguments() {
        return List.of("-x", "0", "-y", "1", "-u", DEAD_LETTER_QUEUE, "-p", "-a",
                "-z", Integer.toString(durationSeconds));
    }

    @Override
    public ScenarioDescription description() {
        return new ScenarioDescription("S3", "Dead-lettering: every message nacked (requeue=false) into a DLX, DLQ consumed",
                List.of(String.join(" ", deadLetterConsumerArguments()) + "   (DLQ consumer, started first)",
                        String.join(" ", producerArguments())),
                List.of(Metric.SENT, Metric.RECEIVED, Metric.DEAD_LETTERED), List.of(Metric.DEAD_LETTERED));
    }

    @Override
    public void prepare(Target target) {
        target.topology().declareFanoutTarget(DEAD_LETTER_EXCHANGE, DEAD_LETTER_QUEUE);
    }

    @Override
    public void dispose(Target target) {
        target.topology().deleteQueues(List.of(QUEUE, DEAD_LETTER_QUEUE));
        target.topology().deleteExchanges(List.of(DEAD_LETTER_EXCHANGE));
    }

    @Override
    public Measurement run(Target target, String runName) {
        Duration deadline = Duration.ofSeconds(durationSeconds + 60L);
        PerfTestLauncher.Running deadLetters = target.startPerfTest(runName + "-dlq", deadLetterConsumerArguments(), deadline);
        PerfTestOutput main = target.perfTest(runName, producerArguments(), deadline);
        PerfTestOutput dlq = deadLetters.await();
        target.topology().deleteQueues(List.of(QUEUE));
        target.topology().purge(DEAD_LETTER_QUEUE);
        Measurement measurement = new Measurement();
        if (measurement.accept("producer and nacking consumer", main)) {
            measurement.put(Metric.SENT, main.sendingRate()).put(Metric.RECEIVED, main.receivingRate());
        }
        if (measurement.accept("DLQ consumer", dlq)) {
            OptionalDouble rate = Statistics.median(dlq.samples().stream().map(PerfTestOutput.Sample::received).toList());
            measurement.put(Metric.DEAD_LETTERED, rate.orElse(0));
            if (rate.orElse(0) == 0) {
                measurement.note("the DLQ received nothing: the broker dead-lettered none of the nacked messages");
            }
        }
        return measurement;
    }
}
