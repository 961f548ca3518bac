package dev.revenant.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.impl.Frame;
import dev.revenant.testkit.BrokerTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Transient failure then success, permanent failure, retries exhausted: on every broker. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class ConsumerRetryIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Parameter
    BrokerTarget target;
    private BrokerFixture broker;
    private ResilientConsumer consumer;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void connect() throws Exception {
        broker = new BrokerFixture(target);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (consumer != null) {
            consumer.close();
        }
        broker.close();
    }

    private double count(String meter) {
        return meters.get(meter).counter().count();
    }

    @Test
    void transientFailureIsRetriedAfterItsDelayThenSucceeds() throws Exception {
        QueueTopology topology = broker.register(broker.topology("transient")
                .withRetryDelays(Duration.ofMillis(80), Duration.ofMillis(80), Duration.ofMillis(80)));
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        List<Long> times = new CopyOnWriteArrayList<>();
        consumer = ResilientConsumer.builder("transient").connectionFactory(broker.factory()).topology(topology)
                .meterRegistry(meters).transientFailures(IOException.class)
                .handler(message -> {
                    attempts.add(message.attempt());
                    times.add(System.nanoTime());
                    if (message.attempt() < 3) {
                        throw new IOException("logistics API timed out");
                    }
                }).build().start();

        broker.publish(topology.queue(), "order-1", "ship it");

        await().atMost(WAIT).until(() -> count("revenant.consumer.processed") == 1);
        assertThat(consumer.retryMode()).as("detected from the server's product property")
                .isEqualTo(target.isRevenant() ? RetryMode.BROKER_NATIVE : RetryMode.TTL_QUEUES);
        assertThat(attempts).containsExactly(1, 2, 3);
        assertThat(Duration.ofNanos(times.get(1) - times.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(80));
        assertThat(count("revenant.consumer.retried")).isEqualTo(2);
        assertThat(count("revenant.consumer.dead.lettered")).isZero();
        assertThat(meters.get("revenant.consumer.handler.latency").tag("outcome", "failure").timer().count()).isEqualTo(2);
        assertThat(meters.get("revenant.consumer.handler.latency").tag("outcome", "success").timer().count()).isEqualTo(1);
        assertThat(broker.ready(topology.deadLetterQueue())).isZero();
        assertThat(broker.ready(topology.queue())).isZero();
    }

    @Test
    void permanentFailureIsDeadLetteredAtOnceWithTheFailureRecorded() throws Exception {
        QueueTopology topology = broker.register(broker.topology("permanent").withRetryDelays(Duration.ofMillis(50)));
        AtomicInteger calls = new AtomicInteger();
        consumer = ResilientConsumer.builder("fulfillment").connectionFactory(broker.factory()).topology(topology)
                .meterRegistry(meters).transientFailures(IOException.class)
                .handler(message -> {
                    calls.incrementAndGet();
                    throw new IllegalArgumentException("no such postcode: 00000");
                }).build().start();
        Instant before = Instant.now();

        broker.publish(topology.queue(), BrokerFixture.props("order-2", Map.of("tenant", "kids-academy")), "{\"order\":2}");

        await().atMost(WAIT).until(() -> broker.ready(topology.deadLetterQueue()) == 1);
        GetResponse dead = broker.drain(topology.deadLetterQueue()).get(0);
        Map<String, Object> headers = dead.getProps().getHeaders();
        assertThat(calls.get()).isEqualTo(1);
        assertThat(BrokerFixture.body(dead)).isEqualTo("{\"order\":2}");
        assertThat(dead.getProps().getMessageId()).isEqualTo("order-2");
        assertThat(dead.getProps().getContentType()).isEqualTo("text/plain");
        assertThat(headers.get("tenant")).hasToString("kids-academy");
        assertThat(headers.get(MessageHeaders.EXCEPTION_CLASS)).hasToString("java.lang.IllegalArgumentException");
        assertThat(headers.get(MessageHeaders.EXCEPTION_MESSAGE)).hasToString("no such postcode: 00000");
        assertThat(headers.get(MessageHeaders.EXCEPTION_STACKTRACE).toString())
                .startsWith("java.lang.IllegalArgumentException: no such postcode: 00000\n\tat dev.revenant.client.ConsumerRetryIT");
        assertThat(headers.get(MessageHeaders.FAILED_CONSUMER)).hasToString("fulfillment");
        assertThat(Instant.parse(headers.get(MessageHeaders.FAILED_AT).toString())).isBetween(before.minusSeconds(1),
                Instant.now());
        assertThat(headers.get(MessageHeaders.ATTEMPTS)).isEqualTo(1);
        assertThat(headers).doesNotContainKey("x-death");
        assertThat(count("revenant.consumer.dead.lettered")).isEqualTo(1);
        assertThat(count("revenant.consumer.retried")).isZero();
    }

    @Test
    void retriesExhaustedEndInTheDeadLetterQueueWithTheAttemptCount() throws Exception {
        QueueTopology topology = broker.register(broker.topology("exhausted")
                .withRetryDelays(Duration.ofMillis(30), Duration.ofMillis(60)));
        AtomicInteger calls = new AtomicInteger();
        consumer = ResilientConsumer.builder("exhausted").connectionFactory(broker.factory()).topology(topology)
                .meterRegistry(meters)
                .handler(message -> {
                    calls.incrementAndGet();
                    throw new IOException("still down");
                }).build().start();

        broker.publish(topology.queue(), "order-3", "x");

        await().atMost(WAIT).until(() -> broker.ready(topology.deadLetterQueue()) == 1);
        Map<String, Object> headers = broker.drain(topology.deadLetterQueue()).get(0).getProps().getHeaders();
        assertThat(calls.get()).isEqualTo(3);
        assertThat(headers.get(MessageHeaders.ATTEMPTS)).isEqualTo(3);
        assertThat(headers.get(MessageHeaders.EXCEPTION_MESSAGE)).hasToString("still down");
        assertThat(count("revenant.consumer.retried")).isEqualTo(2);
        assertThat(count("revenant.consumer.dead.lettered")).isEqualTo(1);
        assertThat(broker.ready(topology.queue())).isZero();
    }

    @Test
    void aHugeFailureRepeatedManyTimesNeverOutgrowsTheHeaderBudget() throws Exception {
        QueueTopology topology = broker.register(broker.topology("huge").withRetryDelays(
                Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(10)));
        String huge = "stack overflow in the logistics adapter ".repeat(8_000);  // ~300 KiB, over any frame_max default
        Map<String, Integer> callsById = new ConcurrentHashMap<>();
        consumer = ResilientConsumer.builder("huge").connectionFactory(broker.factory()).topology(topology)
                .meterRegistry(meters).failureHeaderBudget(2048)
                .handler(message -> {
                    callsById.merge(message.messageId(), 1, Integer::sum);
                    throw new IllegalStateException(huge);
                }).build().start();

        broker.publish(topology.queue(), "order-4", "x");

        await().atMost(WAIT).until(() -> broker.ready(topology.deadLetterQueue()) == 1);
        Map<String, Object> headers = broker.drain(topology.deadLetterQueue()).get(0).getProps().getHeaders();
        assertThat(callsById).containsExactly(Map.entry("order-4", 5));
        Map<String, Object> failureHeaders = new java.util.HashMap<>(headers);
        failureHeaders.keySet().retainAll(List.of(MessageHeaders.EXCEPTION_CLASS, MessageHeaders.EXCEPTION_MESSAGE,
                MessageHeaders.EXCEPTION_STACKTRACE, MessageHeaders.FAILED_CONSUMER, MessageHeaders.FAILED_AT,
                MessageHeaders.ATTEMPTS));
        assertThat(failureHeaders).hasSize(6);
        assertThat(Frame.tableSize(failureHeaders)).isLessThanOrEqualTo(2048);
        assertThat(Frame.tableSize(headers)).isLessThan(4096);
    }
}
