package dev.revenant.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import com.sun.net.httpserver.HttpServer;
import dev.revenant.testkit.BrokerTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Health-gated replay of a dead-letter queue, at a bounded rate, with a parking lot. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class ReplayerIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Parameter
    BrokerTarget target;
    private BrokerFixture broker;
    private DeadLetterReplayer replayer;
    private ResilientConsumer consumer;
    private HttpServer health;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void connect() throws Exception {
        broker = new BrokerFixture(target);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (replayer != null) {
            replayer.close();
        }
        if (consumer != null) {
            consumer.close();
        }
        if (health != null) {
            health.stop(0);
        }
        broker.close();
    }

    private QueueTopology deadLetters(String prefix, int count, Map<String, Object> headers) throws IOException {
        QueueTopology topology = broker.topology(prefix);
        topology.declare(broker.connection);
        for (int i = 0; i < count; i++) {
            broker.publish(topology.deadLetterQueue(), BrokerFixture.props("order-" + i, headers), "box " + i);
        }
        return topology;
    }

    /** A health endpoint answering 200 or 503, counting the probes it served. */
    private URI healthEndpoint(AtomicBoolean up, AtomicInteger probes) throws IOException {
        health = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        health.createContext("/health", exchange -> {
            probes.incrementAndGet();
            exchange.sendResponseHeaders(up.get() ? 200 : 503, -1);
            exchange.close();
        });
        health.start();
        return URI.create("http://127.0.0.1:" + health.getAddress().getPort() + "/health");
    }

    @Test
    void replaysOnlyWhileTheHttpProbePassesAndStopsAsSoonAsItFails() throws Exception {
        QueueTopology topology = deadLetters("gated", 40, Map.of(MessageHeaders.ATTEMPTS, 3,
                MessageHeaders.EXCEPTION_CLASS, "java.io.IOException"));
        AtomicBoolean up = new AtomicBoolean(false);
        AtomicInteger probes = new AtomicInteger();
        List<ReplayProgress> reports = new CopyOnWriteArrayList<>();
        replayer = DeadLetterReplayer.builder("gated").connectionFactory(broker.factory()).topology(topology)
                .healthProbe(HealthProbe.http(healthEndpoint(up, probes), Duration.ofSeconds(2)))
                .probeInterval(Duration.ofMillis(50)).ratePerSecond(20).maxReplays(2)
                .meterRegistry(meters).listener(reports::add).build().start();

        await().atMost(WAIT).until(() -> probes.get() >= 3);
        assertThat(broker.ready(topology.deadLetterQueue())).isEqualTo(40);
        assertThat(broker.ready(topology.queue())).isZero();
        assertThat(replayer.progress().state()).isEqualTo(ReplayProgress.State.WAITING_FOR_HEALTH);

        up.set(true);
        await().atMost(WAIT).until(() -> broker.ready(topology.queue()) >= 5);
        up.set(false);
        await().atMost(WAIT).until(() -> replayer.progress().state() == ReplayProgress.State.WAITING_FOR_HEALTH);

        long replayedBeforeFailure = broker.ready(topology.queue());
        int probesAfterStop = probes.get();
        await().atMost(WAIT).until(() -> probes.get() >= probesAfterStop + 3);
        assertThat(broker.ready(topology.queue())).isEqualTo(replayedBeforeFailure);
        assertThat(broker.ready(topology.deadLetterQueue())).isEqualTo(40 - replayedBeforeFailure)
                .isGreaterThanOrEqualTo(10);
        assertThat(replayer.progress().replayed()).isEqualTo(replayedBeforeFailure);

        up.set(true);
        await().atMost(WAIT).until(() -> broker.ready(topology.queue()) == 40);
        assertThat(broker.ready(topology.deadLetterQueue())).isZero();
        List<GetResponse> replayed = broker.drain(topology.queue());
        assertThat(replayed).allSatisfy(message -> {
            assertThat(message.getProps().getHeaders()).containsEntry(MessageHeaders.REPLAY_COUNT, 1)
                    .doesNotContainKey(MessageHeaders.ATTEMPTS);
            assertThat(message.getProps().getMessageId()).startsWith("order-");
        });
        assertThat(replayed.stream().map(m -> m.getProps().getMessageId()).collect(Collectors.toSet())).hasSize(40);
        await().atMost(WAIT).until(() -> replayer.progress().state() == ReplayProgress.State.IDLE);
        assertThat(replayer.progress().replayed()).isEqualTo(40);
        assertThat(meters.get("revenant.replayer.replayed").counter().count()).isEqualTo(40);
        assertThat(reports).anyMatch(p -> p.state() == ReplayProgress.State.REPLAYING);
    }

    @Test
    void messagesReplayedTooOftenGoToTheParkingLot() throws Exception {
        QueueTopology topology = deadLetters("parking", 3, Map.of(MessageHeaders.REPLAY_COUNT, 2));
        for (int i = 3; i < 5; i++) {
            broker.publish(topology.deadLetterQueue(), BrokerFixture.props("order-" + i,
                    Map.of(MessageHeaders.REPLAY_COUNT, 1)), "box " + i);
        }
        replayer = DeadLetterReplayer.builder("parking").connectionFactory(broker.factory()).topology(topology)
                .healthProbe(() -> true).probeInterval(Duration.ofMillis(50)).ratePerSecond(200).maxReplays(2)
                .meterRegistry(meters).build().start();

        await().atMost(WAIT).until(() -> broker.ready(topology.parkingLotQueue()) == 3 && broker.ready(topology.queue()) == 2);
        assertThat(broker.drain(topology.parkingLotQueue())).allSatisfy(message ->
                assertThat(message.getProps().getHeaders()).containsEntry(MessageHeaders.REPLAY_COUNT, 2));
        assertThat(broker.drain(topology.queue())).allSatisfy(message ->
                assertThat(message.getProps().getHeaders()).containsEntry(MessageHeaders.REPLAY_COUNT, 2));
        await().atMost(WAIT).until(() -> replayer.progress().parked() == 3 && replayer.progress().replayed() == 2);
    }

    @Test
    void theStoryEndToEndFailedOrdersShipOnceTheLogisticsApiIsBack() throws Exception {
        QueueTopology topology = broker.register(broker.topology("story").withRetryDelays(Duration.ofMillis(20)));
        AtomicBoolean logisticsUp = new AtomicBoolean(false);
        Map<String, Integer> shipments = new ConcurrentHashMap<>();
        consumer = ResilientConsumer.builder("fulfillment").connectionFactory(broker.factory()).topology(topology)
                .meterRegistry(meters).transientFailures(IOException.class)
                .handler(message -> {
                    if (!logisticsUp.get()) {
                        throw new IOException("logistics API down");
                    }
                    shipments.merge(message.messageId(), 1, Integer::sum);
                }).build().start();
        for (int i = 0; i < 10; i++) {
            broker.publish(topology.queue(), "order-" + i, "box " + i);
        }
        await().atMost(WAIT).until(() -> broker.ready(topology.deadLetterQueue()) == 10);

        replayer = DeadLetterReplayer.builder("fulfillment-replayer").connectionFactory(broker.factory())
                .topology(topology).healthProbe(logisticsUp::get).probeInterval(Duration.ofMillis(50))
                .ratePerSecond(100).meterRegistry(meters).build().start();
        logisticsUp.set(true);

        await().atMost(WAIT).until(() -> shipments.size() == 10);
        Set<Integer> counts = Set.copyOf(shipments.values());
        assertThat(counts).containsExactly(1);
        assertThat(broker.ready(topology.deadLetterQueue())).isZero();
        assertThat(broker.ready(topology.parkingLotQueue())).isZero();
    }
}
