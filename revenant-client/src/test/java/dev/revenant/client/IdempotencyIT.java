package dev.revenant.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revenant.client.idempotency.InMemoryProcessedMessages;
import dev.revenant.client.idempotency.JdbcProcessedMessages;
import dev.revenant.client.idempotency.ProcessedMessages;
import dev.revenant.testkit.BrokerTarget;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** A message delivered twice (duplicate publish, redelivery, replay) has its side effects once. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class IdempotencyIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Parameter
    BrokerTarget target;
    private BrokerFixture broker;
    private ResilientConsumer consumer;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Map<String, Integer> sideEffects = new ConcurrentHashMap<>();

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

    private QueueTopology start(String name, ProcessedMessages store, int concurrency) throws Exception {
        QueueTopology topology = broker.topology(name);
        consumer = ResilientConsumer.builder(name).connectionFactory(broker.factory()).topology(topology)
                .meterRegistry(meters).concurrency(concurrency).processedMessages(store)
                .handler(message -> {
                    sideEffects.merge(message.messageId(), 1, Integer::sum);
                    Thread.sleep(20);  // long enough for the twin delivery to reach another worker meanwhile
                }).build().start();
        return topology;
    }

    private double duplicates() {
        return meters.get("revenant.consumer.duplicates").tag("consumer", consumer.name()).counter().count();
    }

    private double processed() {
        return meters.get("revenant.consumer.processed").tag("consumer", consumer.name()).counter().count();
    }

    @Test
    void concurrentDuplicateDeliveriesAreAbsorbedByTheInMemoryStore() throws Exception {
        QueueTopology topology = start("dup-memory", new InMemoryProcessedMessages(), 4);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 5; i++) {
                broker.publish(topology.queue(), "order-" + i, "box " + i);
            }
        }

        await().atMost(WAIT).until(() -> duplicates() == 10);
        assertThat(sideEffects).hasSize(5).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
        await().atMost(WAIT).until(() -> broker.ready(topology.queue()) == 0);
        assertThat(processed()).isEqualTo(5);
    }

    @Test
    void aMessageSeenBeforeARestartIsAbsorbedByTheJdbcStore() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:idempotency-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        QueueTopology topology = start("dup-jdbc",
                new JdbcProcessedMessages(dataSource, "processed_messages").createTableIfMissing(), 2);
        broker.publish(topology.queue(), "order-42", "box");
        await().atMost(WAIT).until(() -> sideEffects.getOrDefault("order-42", 0) == 1
                && processed() == 1);
        consumer.close();

        // A new consumer (as after a restart) on the same database gets the same message again, replayed.
        consumer = ResilientConsumer.builder("dup-jdbc-restarted").connectionFactory(broker.factory())
                .topology(topology).meterRegistry(meters)
                .processedMessages(new JdbcProcessedMessages(dataSource, "processed_messages"))
                .handler(message -> sideEffects.merge(message.messageId(), 1, Integer::sum)).build().start();
        broker.publish(topology.queue(), BrokerFixture.props("order-42", Map.of(MessageHeaders.REPLAY_COUNT, 1)), "box");
        broker.publish(topology.queue(), "order-43", "box");

        await().atMost(WAIT).until(() -> processed() == 1 && duplicates() == 1);
        assertThat(sideEffects).containsOnly(Map.entry("order-42", 1), Map.entry("order-43", 1));
    }

    @Test
    void aMessageWithoutAnIdIsDeadLetteredWhenIdempotencyIsOn() throws Exception {
        QueueTopology topology = start("no-id", new InMemoryProcessedMessages(), 1);
        broker.publish(topology.queue(), BrokerFixture.props(null, Map.of()), "anonymous");

        await().atMost(WAIT).until(() -> broker.ready(topology.deadLetterQueue()) == 1);
        assertThat(broker.drain(topology.deadLetterQueue()).get(0).getProps().getHeaders()
                .get(MessageHeaders.EXCEPTION_MESSAGE).toString()).contains("message has no idempotency key");
        assertThat(sideEffects).isEmpty();
    }
}
