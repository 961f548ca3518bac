package dev.revenant.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import dev.revenant.testkit.BrokerTarget;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class TopologyIT {
    @Parameter
    BrokerTarget target;
    private BrokerFixture broker;

    @BeforeEach
    void connect() throws Exception {
        broker = new BrokerFixture(target);
    }

    @AfterEach
    void cleanUp() throws Exception {
        broker.close();
    }

    @Test
    void declaresEverythingInOneCallAndAgainWithoutComplaint() throws Exception {
        QueueTopology topology = broker.topology("declare").withRetryMode(RetryMode.TTL_QUEUES)
                .withRetryDelays(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(100));

        assertThat(topology.declare(broker.connection)).isEqualTo(RetryMode.TTL_QUEUES);
        assertThat(topology.declare(broker.connection)).isEqualTo(RetryMode.TTL_QUEUES);

        for (String queue : new String[] {topology.queue(), topology.deadLetterQueue(), topology.parkingLotQueue(),
                topology.retryQueueName(Duration.ofMillis(100)), topology.retryQueueName(Duration.ofMillis(200))}) {
            assertThat(broker.ready(queue)).as(queue).isZero();
        }
        // The DLQ is bound to the DLX under the work queue's name.
        try (Channel channel = broker.connection.createChannel()) {
            channel.confirmSelect();
            channel.basicPublish(topology.deadLetterExchange(), topology.queue(), true, null, new byte[] {1});
            channel.waitForConfirmsOrDie(10_000);
        }
        assertThat(broker.ready(topology.deadLetterQueue())).isEqualTo(1);
    }

    @Test
    void aRetryQueueHoldsAMessageForItsDelayThenReturnsItToTheWorkQueue() throws Exception {
        QueueTopology topology = broker.topology("ttl").withRetryMode(RetryMode.TTL_QUEUES)
                .withRetryDelays(Duration.ofMillis(150));
        topology.declare(broker.connection);
        long start = System.nanoTime();
        broker.publish(topology.retryQueueName(Duration.ofMillis(150)), "m-1", "wait");

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> broker.ready(topology.queue()) == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(broker.ready(topology.retryQueueName(Duration.ofMillis(150)))).isZero();
    }

    @Test
    void anExistingQueueWithOtherArgumentsFailsWithAClearMessage() throws Exception {
        QueueTopology topology = broker.topology("mismatch");
        try (Channel channel = broker.connection.createChannel()) {
            channel.queueDeclare(topology.queue(), true, false, false, Map.of("x-max-length", 10));
        }

        assertThatThrownBy(() -> topology.declare(broker.connection))
                .isInstanceOf(TopologyMismatchException.class)
                .hasMessageContaining("The queue '" + topology.queue() + "' already exists with different settings")
                .hasMessageContaining("x-dead-letter-exchange=" + topology.deadLetterExchange())
                .hasMessageContaining("PRECONDITION_FAILED")
                .hasMessageContaining("Either delete the queue")
                .satisfies(e -> assertThat(((TopologyMismatchException) e).objectName()).isEqualTo(topology.queue()));
        // The connection survives: the topology used a channel of its own.
        assertThat(broker.connection.isOpen()).isTrue();
    }

    @Test
    void aConsumerOnAQueueDeclaredWithOtherArgumentsFailsToStartAndStops() throws Exception {
        QueueTopology topology = broker.topology("consumer-mismatch");
        try (Channel channel = broker.connection.createChannel()) {
            channel.queueDeclare(topology.queue(), true, false, false, null);
        }
        ResilientConsumer consumer = ResilientConsumer.builder("mismatch").connectionFactory(broker.factory())
                .topology(topology).handler(message -> { }).build();

        assertThatThrownBy(consumer::start).isInstanceOf(TopologyMismatchException.class)
                .hasMessageContaining("The queue '" + topology.queue() + "' already exists");
        assertThat(consumer.state()).isEqualTo(ConsumerState.STOPPED);
        assertThatThrownBy(consumer::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");
    }

    @Test
    void anExistingDeadLetterExchangeOfAnotherTypeFailsWithAClearMessage() throws Exception {
        QueueTopology topology = broker.topology("exchange");
        try (Channel channel = broker.connection.createChannel()) {
            channel.exchangeDeclare(topology.deadLetterExchange(), BuiltinExchangeType.FANOUT, true);
        }
        assertThatThrownBy(() -> topology.declare(broker.connection))
                .isInstanceOf(TopologyMismatchException.class)
                .hasMessageContaining("The exchange '" + topology.deadLetterExchange() + "' already exists")
                .hasMessageContaining("a durable direct exchange");
    }

    @Test
    void anInvalidTopologyIsRefusedBeforeTouchingTheBroker() {
        QueueTopology topology = broker.topology("invalid").withRetryDelays(Duration.ofMillis(-1));
        assertThatThrownBy(() -> topology.declare(broker.connection)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retry delay #1 is -1 ms");
    }
}
