package dev.revenant.conformance;

import static dev.revenant.conformance.AmqpErrors.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * basic.qos as RabbitMQ reads it: global=false limits each consumer, global=true the whole
 * channel, both may hold at once; basic.get and no-ack consumers are not limited.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class QosIT extends ConformanceBase {
    /** How long a consumer at its limit must stay without a further delivery. */
    private static final Duration QUIET = Duration.ofMillis(300);

    private String queueWith(Channel channel, int messages) throws Exception {
        String queue = channel.queueDeclare().getQueue();
        for (int i = 0; i < messages; i++) {
            channel.basicPublish("", queue, null, Messages.utf8("m" + i));
        }
        channel.waitForConfirmsOrDie(Messages.TIMEOUT.toMillis());
        return queue;
    }

    @Test
    void prefetchLimitsUnackedDeliveriesPerConsumer() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = queueWith(channel, 5);
        Channel consumerChannel = openChannel();
        consumerChannel.basicQos(2);
        Deliveries deliveries = new Deliveries(consumerChannel);
        consumerChannel.basicConsume(queue, false, deliveries);

        Delivery first = deliveries.next();
        deliveries.next();
        deliveries.assertNoNewDeliveryWithin(QUIET);

        consumerChannel.basicAck(first.getEnvelope().getDeliveryTag(), false);
        assertThat(Deliveries.text(deliveries.next())).isEqualTo("m2");
        deliveries.assertNoNewDeliveryWithin(QUIET);
    }

    @Test
    void perConsumerPrefetchAppliesToEachConsumerOfTheChannel() throws Exception {
        Channel channel = openConfirmChannel();
        String firstQueue = queueWith(channel, 5);
        String secondQueue = queueWith(channel, 5);
        Channel consumerChannel = openChannel();
        consumerChannel.basicQos(2, false);
        Deliveries first = new Deliveries(consumerChannel);
        Deliveries second = new Deliveries(consumerChannel);
        consumerChannel.basicConsume(firstQueue, false, first);
        consumerChannel.basicConsume(secondQueue, false, second);

        first.next(2);
        second.next(2);
        first.assertNoNewDeliveryWithin(QUIET);
        assertThat(second.pending()).isZero();
    }

    @Test
    void globalPrefetchLimitsTheWholeChannel() throws Exception {
        Channel channel = openConfirmChannel();
        String firstQueue = queueWith(channel, 5);
        String secondQueue = queueWith(channel, 5);
        Channel consumerChannel = openChannel();
        consumerChannel.basicQos(3, true);
        Deliveries first = new Deliveries(consumerChannel);
        Deliveries second = new Deliveries(consumerChannel);
        consumerChannel.basicConsume(firstQueue, false, first);
        consumerChannel.basicConsume(secondQueue, false, second);

        org.awaitility.Awaitility.await().atMost(Messages.TIMEOUT).until(() -> first.pending() + second.pending() == 3);
        first.assertNoNewDeliveryWithin(QUIET);
        assertThat(first.pending() + second.pending()).isEqualTo(3);
    }

    @Test
    void perConsumerAndGlobalLimitsHoldTogether() throws Exception {
        Channel channel = openConfirmChannel();
        String firstQueue = queueWith(channel, 5);
        String secondQueue = queueWith(channel, 5);
        Channel consumerChannel = openChannel();
        consumerChannel.basicQos(2, false);
        consumerChannel.basicQos(3, true);
        Deliveries first = new Deliveries(consumerChannel);
        Deliveries second = new Deliveries(consumerChannel);
        consumerChannel.basicConsume(firstQueue, false, first);
        first.next(2);
        consumerChannel.basicConsume(secondQueue, false, second);
        second.next();
        second.assertNoNewDeliveryWithin(QUIET);
        assertThat(first.pending()).isZero();
    }

    @Test
    void basicGetIgnoresPrefetch() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = queueWith(channel, 3);
        channel.basicQos(1);
        for (int i = 0; i < 3; i++) {
            assertThat(channel.basicGet(queue, false)).as("get %d with prefetch 1", i).isNotNull();
        }
    }

    @Test
    void noAckConsumersAreNotLimited() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = queueWith(channel, 5);
        Channel consumerChannel = openChannel();
        consumerChannel.basicQos(1);
        Deliveries deliveries = new Deliveries(consumerChannel);
        consumerChannel.basicConsume(queue, true, deliveries);
        assertThat(deliveries.nextBodies(5)).containsExactly("m0", "m1", "m2", "m3", "m4");
    }

    @Test
    void prefetchZeroMeansUnlimited() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = queueWith(channel, 5);
        Channel consumerChannel = openChannel();
        consumerChannel.basicQos(0);
        Deliveries deliveries = new Deliveries(consumerChannel);
        consumerChannel.basicConsume(queue, false, deliveries);
        assertThat(deliveries.next(5)).hasSize(5);
    }

    @Test
    void prefetchSizeIsNotImplemented() throws Exception {
        Channel channel = openChannel();
        AMQP.Connection.Close close = AmqpErrors.connectionClose(() -> channel.basicQos(1000, 10, false));
        assertClose(close, AMQP.NOT_IMPLEMENTED, "NOT_IMPLEMENTED");
    }
}
