package dev.revenant.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revenant.testkit.BrokerTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** A failing downstream pauses consumption (messages wait in the queue) until it recovers. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class CircuitBreakerIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int MESSAGES = 20;

    @Parameter
    BrokerTarget target;
    private BrokerFixture broker;
    private ResilientConsumer consumer;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicBoolean downstreamUp = new AtomicBoolean(false);
    private final AtomicInteger handlerCalls = new AtomicInteger();
    private final Set<String> shipped = ConcurrentHashMap.newKeySet();

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

    private void ship(Message message) throws IOException {
        handlerCalls.incrementAndGet();
        if (!downstreamUp.get()) {
            throw new IOException("logistics API: 503 Service Unavailable");
        }
        shipped.add(message.messageId());
    }

    private QueueTopology startConsumer(CircuitBreakerSettings breaker) throws IOException {
        QueueTopology topology = broker.register(broker.topology("breaker").withRetryDelays(Duration.ofMillis(50)));
        consumer = ResilientConsumer.builder("breaker").connectionFactory(broker.factory()).topology(topology)
                .meterRegistry(meters).prefetch(5).circuitBreaker(breaker).handler(this::ship).build().start();
        for (int i = 0; i < MESSAGES; i++) {
            broker.publish(topology.queue(), "order-" + i, "box " + i);
        }
        return topology;
    }

    private long waiting(QueueTopology topology) throws IOException {
        // With broker-native retry a waiting message stays in the work queue (held for its delay);
        // with TTL queues it waits in the retry queue of its delay.
        long retrying = consumer.retryMode() == RetryMode.BROKER_NATIVE ? 0
                : broker.ready(topology.retryQueueName(Duration.ofMillis(50)));
        return broker.ready(topology.queue()) + retrying;
    }

    @Test
    void opensOnRepeatedFailuresWaitsWhileTheProbeFailsThenClosesAndProcessesEverything() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        QueueTopology topology = startConsumer(CircuitBreakerSettings.defaults().withSlidingWindow(4).withMinimumCalls(4)
                .withOpenFor(Duration.ofMillis(100)).withTrialMessages(1)
                .withProbe(() -> {
                    probes.incrementAndGet();
                    return downstreamUp.get();
                }));

        await().atMost(WAIT).until(() -> consumer.state() == ConsumerState.PAUSED);
        int callsWhenPaused = handlerCalls.get();
        int probesWhenPaused = probes.get();
        await().atMost(WAIT).until(() -> probes.get() >= probesWhenPaused + 3);

        // Paused: the failing probe kept it closed, the handler was not called again, nothing was
        // burnt into the dead-letter queue and every message waits in the queues.
        assertThat(consumer.state()).isEqualTo(ConsumerState.PAUSED);
        assertThat(handlerCalls.get()).isEqualTo(callsWhenPaused);
        assertThat(callsWhenPaused).isLessThan(MESSAGES);
        assertThat(broker.ready(topology.deadLetterQueue())).isZero();
        await().atMost(WAIT).until(() -> waiting(topology) == MESSAGES);

        downstreamUp.set(true);

        await().atMost(WAIT).until(() -> shipped.size() == MESSAGES);
        assertThat(consumer.state()).isEqualTo(ConsumerState.RUNNING);
        assertThat(broker.ready(topology.deadLetterQueue())).isZero();
        assertThat(meters.get("revenant.consumer.dead.lettered").counter().count()).isZero();
        assertThat(meters.get("revenant.consumer.requeued").counter().count()).isPositive();
    }

    @Test
    void aFailedTrialPausesAgainWithoutBurningTheTrialMessage() throws Exception {
        QueueTopology topology = startConsumer(CircuitBreakerSettings.defaults().withSlidingWindow(4).withMinimumCalls(4)
                .withOpenFor(Duration.ofMillis(150)).withTrialMessages(1));

        await().atMost(WAIT).until(() -> consumer.state() == ConsumerState.PAUSED);
        int callsWhenPaused = handlerCalls.get();
        // No probe: after each pause one trial message is taken, fails, and the breaker opens again.
        await().atMost(WAIT).until(() -> handlerCalls.get() >= callsWhenPaused + 2);
        await().atMost(WAIT).until(() -> consumer.state() == ConsumerState.PAUSED);
        assertThat(broker.ready(topology.deadLetterQueue())).isZero();
        await().atMost(WAIT).until(() -> waiting(topology) == MESSAGES);

        downstreamUp.set(true);

        await().atMost(WAIT).until(() -> shipped.size() == MESSAGES);
        assertThat(broker.ready(topology.deadLetterQueue())).isZero();
        assertThat(consumer.state()).isEqualTo(ConsumerState.RUNNING);
    }

    @Test
    void withoutABreakerTheClassicPatternFailsIntoTheDeadLetterQueue() throws Exception {
        QueueTopology topology = broker.register(broker.topology("classic").withRetryDelays(Duration.ofMillis(20)));
        consumer = ResilientConsumer.builder("classic").connectionFactory(broker.factory()).topology(topology)
                .meterRegistry(meters).handler(this::ship).build().start();
        for (int i = 0; i < 5; i++) {
            broker.publish(topology.queue(), "order-" + i, "box " + i);
        }

        await().atMost(WAIT).until(() -> broker.ready(topology.deadLetterQueue()) == 5);
        assertThat(handlerCalls.get()).isEqualTo(10);
        assertThat(consumer.state()).isEqualTo(ConsumerState.RUNNING);
    }
}
