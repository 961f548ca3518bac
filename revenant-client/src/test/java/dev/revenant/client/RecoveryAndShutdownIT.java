package dev.revenant.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.ConnectionFactory;
import dev.revenant.testkit.BrokerTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Graceful shutdown under load and automatic recovery after a lost connection. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class RecoveryAndShutdownIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

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

    @Test
    void shutdownUnderLoadFinishesInFlightMessagesAndLosesNone() throws Exception {
        int total = 400;
        QueueTopology topology = broker.topology("shutdown");
        topology.declare(broker.connection);
        for (int i = 0; i < total; i++) {
            broker.publish(topology.queue(), "order-" + i, "box " + i);
        }
        Set<String> started = ConcurrentHashMap.newKeySet();
        Set<String> finished = ConcurrentHashMap.newKeySet();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        consumer = ResilientConsumer.builder("shutdown").connectionFactory(broker.factory()).topology(topology)
                .meterRegistry(meters).concurrency(4).prefetch(20)
                .handler(message -> {
                    started.add(message.messageId());
                    maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                    try {
                        Thread.sleep(5);  // the work itself: a call to the warehouse system
                    } finally {
                        concurrent.decrementAndGet();
                    }
                    finished.add(message.messageId());
                }).build().start();

        await().atMost(WAIT).until(() -> finished.size() >= 60);
        consumer.close(Duration.ofSeconds(20));

        assertThat(consumer.state()).isEqualTo(ConsumerState.STOPPED);
        assertThat(finished).as("every handler that started also finished").isEqualTo(started);
        assertThat(finished.size()).isLessThan(total);
        assertThat(maxConcurrent.get()).isBetween(2, 4);
        await().atMost(WAIT).until(() -> broker.ready(topology.queue()) == total - finished.size());
        Set<String> remaining = broker.drain(topology.queue()).stream().map(m -> m.getProps().getMessageId())
                .collect(Collectors.toSet());
        Set<String> everything = new HashSet<>(remaining);
        everything.addAll(finished);
        assertThat(everything).isEqualTo(IntStream.range(0, total).mapToObj(i -> "order-" + i).collect(Collectors.toSet()));
        assertThat(remaining).as("a processed message was acked, so it is not back in the queue")
                .doesNotContainAnyElementsOf(finished);
        assertThat(meters.get("revenant.consumer.processed").counter().count()).isEqualTo(finished.size());
    }

    @Test
    void recoversAfterTheConnectionIsLostAndKeepsConsuming() throws Exception {
        QueueTopology topology = broker.topology("recovery").withRetryDelays(Duration.ofMillis(20));
        broker.register(topology);
        Set<String> processed = ConcurrentHashMap.newKeySet();
        try (TcpProxy proxy = new TcpProxy(target.host(), target.port())) {
            ConnectionFactory viaProxy = broker.factory();
            viaProxy.setPort(proxy.port());
            consumer = ResilientConsumer.builder("recovery").connectionFactory(viaProxy).topology(topology)
                    .meterRegistry(meters).concurrency(2)
                    .handler(message -> {
                        if (message.bodyAsString().startsWith("poison")) {
                            throw new IllegalStateException("cannot ship " + message.messageId());
                        }
                        processed.add(message.messageId());
                    }).build().start();
            for (int i = 0; i < 10; i++) {
                broker.publish(topology.queue(), "before-" + i, "box");
            }
            await().atMost(WAIT).until(() -> processed.size() == 10);

            int connectionsBefore = proxy.connectionsAccepted();
            proxy.cutAll();
            for (int i = 0; i < 10; i++) {
                broker.publish(topology.queue(), "after-" + i, "box");
            }
            broker.publish(topology.queue(), "poison-1", "poison");

            await().atMost(WAIT).until(() -> processed.size() == 20);
            assertThat(proxy.connectionsAccepted()).isGreaterThan(connectionsBefore);
            // The publisher channel recovered too: the failing message still reaches the DLQ.
            await().atMost(WAIT).until(() -> broker.ready(topology.deadLetterQueue()) == 1);
            assertThat(consumer.state()).isEqualTo(ConsumerState.RUNNING);
            assertThat(broker.ready(topology.queue())).isZero();
        }
    }
}
