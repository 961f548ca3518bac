package dev.revenant.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reason {@code delivery_limit}: a quorum queue counts every return of a message (basic.reject or
 * basic.nack with requeue, a lost channel) in {@code x-delivery-count}; once the count passes
 * {@code x-delivery-limit} the message is dead-lettered instead of redelivered. RabbitMQ 3.10
 * writes {@code x-delivery-count: 0} on a first delivery, Revenant writes nothing: only the
 * values both agree on are asserted outside the Revenant-only tests.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class DeliveryLimitIT extends DeadLetterBase {
    private static final Duration QUIET = Duration.ofMillis(300);

    private record Pair(String queue, String deadLetterQueue) { }

    private Pair quorumPair(Channel channel, Map<String, Object> queueArgs) throws Exception {
        String dlq = queue(channel, "dlq", null);
        Map<String, Object> all = args("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq);
        all.putAll(queueArgs);
        return new Pair(quorumQueue(channel, "limited", all), dlq);
    }

    private static Object deliveryCount(Delivery delivery) {
        return headersOf(delivery).get("x-delivery-count");
    }

    /** A first delivery: RabbitMQ 3.10 says 0, Revenant leaves the header out. */
    private static void assertFirstDelivery(Delivery delivery) {
        assertThat(delivery.getEnvelope().isRedeliver()).isFalse();
        Object count = deliveryCount(delivery);
        if (count != null) {
            assertThat(count).isEqualTo(0L);
        }
    }

    private static void assertRedelivery(Delivery delivery, long expectedCount) {
        assertThat(delivery.getEnvelope().isRedeliver()).as("redelivered flag").isTrue();
        assertThat(deliveryCount(delivery)).as("x-delivery-count").isEqualTo(expectedCount);
    }

    @Test
    void redeliveriesCountUpUntilTheLimitThenTheMessageIsDeadLettered() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = quorumPair(channel, args("x-delivery-limit", 2));
        publishConfirmed(channel, "", p.queue(), headers(Map.of("order", 42)), "poison");
        Deliveries consumer = consume(p.queue());
        Channel consumerChannel = consumer.getChannel();

        Delivery first = consumer.next();
        assertFirstDelivery(first);
        consumerChannel.basicReject(first.getEnvelope().getDeliveryTag(), true);
        Delivery second = consumer.next();
        assertRedelivery(second, 1);
        consumerChannel.basicNack(second.getEnvelope().getDeliveryTag(), false, true);
        Delivery third = consumer.next();
        assertRedelivery(third, 2);
        assertThat(Deliveries.text(third)).isEqualTo("poison");
        consumerChannel.basicReject(third.getEnvelope().getDeliveryTag(), true);

        Delivery dead = consume(p.deadLetterQueue()).next();
        assertThat(Deliveries.text(dead)).isEqualTo("poison");
        Map<String, Object> death = onlyDeath(dead);
        assertThat(death).containsOnlyKeys("count", "reason", "queue", "time", "exchange", "routing-keys");
        assertThat(text(death.get("reason"))).isEqualTo("delivery_limit");
        assertThat(text(death.get("queue"))).isEqualTo(p.queue());
        assertThat(text(death.get("exchange"))).isEmpty();
        assertThat(routingKeys(death)).containsExactly(p.queue());
        assertThat(count(death)).isEqualTo(1L);
        Map<String, Object> headers = headersOf(dead);
        assertThat(text(headers.get("x-first-death-reason"))).isEqualTo("delivery_limit");
        assertThat(headers.get("order")).isEqualTo(42);
        // the count belongs to the delivery from the quorum queue, not to the dead-lettered copy
        assertThat(headers).doesNotContainKey("x-delivery-count");
        consumer.assertNoNewDeliveryWithin(QUIET);
    }

    @Test
    void aLostChannelCountsAsADeliveryAttempt() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = quorumPair(channel, args("x-delivery-limit", 1));
        publishConfirmed(channel, "", p.queue(), null, "lost");

        Channel firstChannel = openChannel();
        GetResponse first = Messages.awaitGet(firstChannel, p.queue(), false);
        assertThat(first.getProps().getHeaders() == null ? null : first.getProps().getHeaders().get("x-delivery-count"))
                .isIn(null, 0L);
        firstChannel.close();

        Channel secondChannel = openChannel();
        GetResponse second = Messages.awaitGet(secondChannel, p.queue(), false);
        assertThat(second.getEnvelope().isRedeliver()).isTrue();
        assertThat(second.getProps().getHeaders().get("x-delivery-count")).isEqualTo(1L);
        secondChannel.close();

        Delivery dead = consume(p.deadLetterQueue()).next();
        assertThat(text(onlyDeath(dead).get("reason"))).isEqualTo("delivery_limit");
        assertThat(channel.basicGet(p.queue(), true)).isNull();
    }

    @Test
    void deliveryLimitZeroDeadLettersOnTheFirstReturn() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = quorumPair(channel, args("x-delivery-limit", 0));
        publishConfirmed(channel, "", p.queue(), null, "once");
        GetResponse got = Messages.awaitGet(channel, p.queue(), false);
        channel.basicReject(got.getEnvelope().getDeliveryTag(), true);

        Delivery dead = consume(p.deadLetterQueue()).next();
        assertThat(text(onlyDeath(dead).get("reason"))).isEqualTo("delivery_limit");
        assertThat(channel.basicGet(p.queue(), true)).isNull();
    }

    @Test
    void pastTheLimitWithoutDeadLetterExchangeTheMessageIsDropped() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = quorumQueue(channel, "limited", args("x-delivery-limit", 1));
        publishConfirmed(channel, "", queue, null, "m");
        Deliveries consumer = consume(queue);
        consumer.getChannel().basicReject(consumer.next().getEnvelope().getDeliveryTag(), true);
        Delivery second = consumer.next();
        assertRedelivery(second, 1);
        consumer.getChannel().basicReject(second.getEnvelope().getDeliveryTag(), true);

        Messages.awaitMessageCount(channel, queue, 0);
        consumer.assertNoNewDeliveryWithin(QUIET);
    }

    @Test
    void quorumQueueCountsDeliveriesWithoutALimit() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = quorumQueue(channel, "counted", Map.of());
        publishConfirmed(channel, "", queue, null, "m");
        Deliveries consumer = consume(queue);
        Delivery delivery = consumer.next();
        assertFirstDelivery(delivery);
        for (long expected = 1; expected <= 4; expected++) {
            consumer.getChannel().basicReject(delivery.getEnvelope().getDeliveryTag(), true);
            delivery = consumer.next();
            assertRedelivery(delivery, expected);
        }
        consumer.getChannel().basicAck(delivery.getEnvelope().getDeliveryTag(), false);
    }

    @Test
    void rejectWithoutRequeueIsReasonRejectedEvenUnderALimit() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = quorumPair(channel, args("x-delivery-limit", 5));
        publishConfirmed(channel, "", p.queue(), null, "m");
        GetResponse got = Messages.awaitGet(channel, p.queue(), false);
        channel.basicReject(got.getEnvelope().getDeliveryTag(), false);

        Delivery dead = consume(p.deadLetterQueue()).next();
        Map<String, Object> death = onlyDeath(dead);
        assertThat(text(death.get("reason"))).isEqualTo("rejected");
        assertThat(text(death.get("queue"))).isEqualTo(p.queue());
    }

    @Test
    void rejectedAfterRedeliveriesTheCopyCarriesNoDeliveryCount() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = quorumPair(channel, args("x-delivery-limit", 5));
        publishConfirmed(channel, "", p.queue(), null, "m");
        Deliveries consumer = consume(p.queue());
        consumer.getChannel().basicReject(consumer.next().getEnvelope().getDeliveryTag(), true);
        Delivery second = consumer.next();
        assertRedelivery(second, 1);
        consumer.getChannel().basicReject(second.getEnvelope().getDeliveryTag(), false);

        Delivery dead = consume(p.deadLetterQueue()).next();
        assertThat(text(onlyDeath(dead).get("reason"))).isEqualTo("rejected");
        assertThat(headersOf(dead)).doesNotContainKey("x-delivery-count");
    }

    @Test
    void revenantLeavesTheCountOutOfAFirstDelivery() throws Exception {
        assumeThat(target.isRevenant()).as("RabbitMQ 3.10 writes x-delivery-count: 0 on a first delivery").isTrue();
        Channel channel = openConfirmChannel();
        String queue = quorumQueue(channel, "counted", args("x-delivery-limit", 3));
        publishConfirmed(channel, "", queue, null, "m");
        GetResponse got = Messages.awaitGet(channel, queue, false);
        assertThat(got.getProps().getHeaders()).isNull();
    }

    @Test
    void revenantReadsANegativeLimitAsNoLimit() throws Exception {
        assumeThat(target.isRevenant()).as("RabbitMQ 3.10 does not check x-delivery-limit; -1 means no limit from 4.0").isTrue();
        Channel channel = openConfirmChannel();
        String queue = quorumQueue(channel, "unlimited", args("x-delivery-limit", -1));
        publishConfirmed(channel, "", queue, null, "m");
        Deliveries consumer = consume(queue);
        Delivery delivery = consumer.next();
        for (long expected = 1; expected <= 3; expected++) {
            consumer.getChannel().basicReject(delivery.getEnvelope().getDeliveryTag(), true);
            delivery = consumer.next();
            assertRedelivery(delivery, expected);
        }
    }

    @Test
    void revenantTakesADeliveryLimitOnAClassicQueue() throws Exception {
        assumeThat(target.isRevenant()).as("RabbitMQ refuses x-delivery-limit on a classic queue").isTrue();
        Channel channel = openConfirmChannel();
        String dlq = queue(channel, "dlq", null);
        String queue = queue(channel, "classic-limited",
                args("x-delivery-limit", 1, "x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        publishConfirmed(channel, "", queue, null, "m");
        Deliveries consumer = consume(queue);
        consumer.getChannel().basicReject(consumer.next().getEnvelope().getDeliveryTag(), true);
        Delivery second = consumer.next();
        assertRedelivery(second, 1);
        consumer.getChannel().basicReject(second.getEnvelope().getDeliveryTag(), true);

        assertThat(text(onlyDeath(consume(dlq).next()).get("reason"))).isEqualTo("delivery_limit");
    }
}
