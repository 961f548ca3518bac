package dev.revenant.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The consumer's Micrometer meters, tagged with the consumer's name and queue:
 * {@code revenant.consumer.processed}, {@code .retried}, {@code .dead.lettered}, {@code .requeued},
 * {@code .duplicates} (counters) and {@code revenant.consumer.handler.latency} (timer, tagged with
 * {@code outcome} success or failure).
 */
final class ConsumerMetrics {
    final Counter processed;
    final Counter retried;
    final Counter deadLettered;
    final Counter requeued;
    final Counter duplicates;
    private final Timer successLatency;
    private final Timer failureLatency;

    ConsumerMetrics(MeterRegistry registry, String consumer, String queue) {
        Tags tags = Tags.of("consumer", consumer, "queue", queue);
        processed = counter(registry, "revenant.consumer.processed", "Messages handled successfully and acked", tags);
        retried = counter(registry, "revenant.consumer.retried", "Failed messages scheduled for another attempt", tags);
        deadLettered = counter(registry, "revenant.consumer.dead.lettered", "Messages sent to the dead-letter exchange", tags);
        requeued = counter(registry, "revenant.consumer.requeued", "Messages put back while paused or stopping", tags);
        duplicates = counter(registry, "revenant.consumer.duplicates", "Messages acked unhandled as already processed", tags);
        successLatency = timer(registry, tags.and("outcome", "success"));
        failureLatency = timer(registry, tags.and("outcome", "failure"));
    }

    void handled(boolean success, long nanos) {
        (success ? successLatency : failureLatency).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static Counter counter(MeterRegistry registry, String name, String description, Tags tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    private static Timer timer(MeterRegistry registry, Tags tags) {
        return Timer.builder("revenant.consumer.handler.latency").description("Time spent in the message handler")
                .tags(tags).register(registry);
    }
}
