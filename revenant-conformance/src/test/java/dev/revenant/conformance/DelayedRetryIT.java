package dev.revenant.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RabbitMQ 4.3's delayed retry on a quorum queue ({@code x-delayed-retry-type} all / failed /
 * returned, {@code x-delayed-retry-min}, {@code x-delayed-retry-max}): a message put back with
 * requeue=true waits min(min x delivery count, max) before it can be delivered again, without
 * blocking the messages behind it. basic.reject counts as a failed attempt, basic.nack does not.
 * Tested on Revenant only (the RabbitMQ node here is 3.10).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class DelayedRetryIT extends DeadLetterBase {
    private static final long SLACK_MILLIS = 20;
    private static final long LATE_MILLIS = 2_000;

    @BeforeEach
    void revenantOnly() {
        assumeThat(target.isRevenant()).as("x-delayed-retry-* arrived in RabbitMQ 4.3").isTrue();
    }

    private static void assertWaited(TimedDeliveries.Timed delivery, long fromNanos, long delayMillis) {
        assertThat(delivery.millisSince(fromNanos)).as("milliseconds from the requeue")
                .isBetween(delayMillis - SLACK_MILLIS, delayMillis + LATE_MILLIS);
    }

    private static Object deliveryCount(Delivery delivery) {
        return headersOf(delivery).get("x-delivery-count");
    }

    /** A consumer with prefetch 1, so "which message comes next" is the queue's choice alone. */
    private TimedDeliveries consumeOneAtATime(String queue) throws Exception {
        Channel channel = openChannel();
        channel.basicQos(1);
        TimedDeliveries deliveries = new TimedDeliveries(channel);
        channel.basicConsume(queue, false, deliveries);
        return deliveries;
    }

    @Test
    void delayGrowsWithTheDeliveryCountUpToTheMaximum() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = quorumQueue(channel, "delayed",
                args("x-delayed-retry-type", "all", "x-delayed-retry-min", 100, "x-delayed-retry-max", 250));
        publishConfirmed(channel, "", queue, null, "m");
        TimedDeliveries consumer = consumeTimed(queue);
        TimedDeliveries.Timed delivery = consumer.next();

        long[] expectedDelays = {100, 200, 250, 250};
        for (int i = 0; i < expectedDelays.length; i++) {
            long requeue = System.nanoTime();
            consumer.getChannel().basicReject(delivery.tag(), true);
            delivery = consumer.next();
            assertWaited(delivery, requeue, expectedDelays[i]);
            assertThat(deliveryCount(delivery.delivery())).isEqualTo((long) i + 1);
            assertThat(delivery.delivery().getEnvelope().isRedeliver()).isTrue();
        }
        consumer.getChannel().basicAck(delivery.tag(), false);
    }

    @Test
    void failedTypeDelaysRejectsButNotNacks() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = quorumQueue(channel, "delayed", args("x-delayed-retry-type", "failed", "x-delayed-retry-min", 500));
        publishConfirmed(channel, "", queue, null, "first");
        publishConfirmed(channel, "", queue, null, "second");
        TimedDeliveries consumer = consumeOneAtATime(queue);
        Channel consumerChannel = consumer.getChannel();

        TimedDeliveries.Timed first = consumer.next();
        assertThat(first.text()).isEqualTo("first");
        consumerChannel.basicNack(first.tag(), false, true);
        TimedDeliveries.Timed nacked = consumer.next();
        assertThat(nacked.text()).as("a nack is no failure: back at once, ahead of the next message").isEqualTo("first");
        assertThat(deliveryCount(nacked.delivery())).isEqualTo(1L);

        long reject = System.nanoTime();
        consumerChannel.basicReject(nacked.tag(), true);
        TimedDeliveries.Timed next = consumer.next();
        assertThat(next.text()).as("a reject is a failure: held, so the next message goes first").isEqualTo("second");
        consumerChannel.basicAck(next.tag(), false);
        TimedDeliveries.Timed retried = consumer.next();
        assertThat(retried.text()).isEqualTo("first");
        // the count after this return is 2: 2 x 500 ms
        assertWaited(retried, reject, 1_000);
        assertThat(deliveryCount(retried.delivery())).isEqualTo(2L);
    }

    @Test
    void returnedTypeDelaysNacksButNotRejects() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = quorumQueue(channel, "delayed", args("x-delayed-retry-type", "returned", "x-delayed-retry-min", 500));
        publishConfirmed(channel, "", queue, null, "first");
        publishConfirmed(channel, "", queue, null, "second");
        TimedDeliveries consumer = consumeOneAtATime(queue);
        Channel consumerChannel = consumer.getChannel();

        consumerChannel.basicReject(consumer.next().tag(), true);
        TimedDeliveries.Timed rejected = consumer.next();
        assertThat(rejected.text()).isEqualTo("first");

        long nack = System.nanoTime();
        consumerChannel.basicNack(rejected.tag(), false, true);
        TimedDeliveries.Timed next = consumer.next();
        assertThat(next.text()).isEqualTo("second");
        consumerChannel.basicAck(next.tag(), false);
        TimedDeliveries.Timed retried = consumer.next();
        assertThat(retried.text()).isEqualTo("first");
        assertWaited(retried, nack, 1_000);
    }

    @Test
    void deliveryLimitStillEndsTheRetries() throws Exception {
        Channel channel = openConfirmChannel();
        String dlq = queue(channel, "dlq", null);
        String queue = quorumQueue(channel, "delayed", args("x-delayed-retry-type", "all", "x-delayed-retry-min", 100,
                "x-delivery-limit", 1, "x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        publishConfirmed(channel, "", queue, null, "m");
        TimedDeliveries consumer = consumeTimed(queue);
        long requeue = System.nanoTime();
        consumer.getChannel().basicReject(consumer.next().tag(), true);
        TimedDeliveries.Timed retried = consumer.next();
        assertWaited(retried, requeue, 100);
        consumer.getChannel().basicReject(retried.tag(), true);

        Delivery dead = consume(dlq).next();
        assertThat(text(onlyDeath(dead).get("reason"))).isEqualTo("delivery_limit");
    }

    @Test
    void withoutAMaximumTheDelayKeepsGrowing() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = quorumQueue(channel, "delayed", args("x-delayed-retry-type", "all", "x-delayed-retry-min", 150));
        publishConfirmed(channel, "", queue, null, "m");
        TimedDeliveries consumer = consumeTimed(queue);
        TimedDeliveries.Timed delivery = consumer.next();
        for (long count = 1; count <= 3; count++) {
            long requeue = System.nanoTime();
            consumer.getChannel().basicReject(delivery.tag(), true);
            delivery = consumer.next();
            assertWaited(delivery, requeue, 150 * count);
        }
    }
}
