package dev.revenant.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Revenant's native retry ({@code x-retry-delays}, a list of milliseconds): a message rejected
 * with requeue=false is held for the next delay, measured from the rejection, then delivered to
 * the same queue again with {@code x-retry-count}; once the list is used up it is dead-lettered
 * with reason {@code rejected}. Held messages never block the ones behind them. Timing is
 * asserted as "not before the delay, less 20 ms" and "within the delay plus 2 s".
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class NativeRetryIT extends DeadLetterBase {
    private static final long SLACK_MILLIS = 20;
    private static final long LATE_MILLIS = 2_000;

    @BeforeEach
    void revenantOnly() {
        assumeThat(target.isRevenant()).as("x-retry-delays is a Revenant extension").isTrue();
    }

    private record Pair(String queue, String deadLetterQueue) { }

    private Pair pair(Channel channel, List<Integer> delays) throws Exception {
        String dlq = queue(channel, "dlq", null);
        return new Pair(queue(channel, "retrying", args("x-retry-delays", delays, "x-dead-letter-exchange", "",
                "x-dead-letter-routing-key", dlq)), dlq);
    }

    private static void assertWaited(TimedDeliveries.Timed delivery, long fromNanos, long delayMillis) {
        assertThat(delivery.millisSince(fromNanos)).as("milliseconds from the rejection")
                .isBetween(delayMillis - SLACK_MILLIS, delayMillis + LATE_MILLIS);
    }

    private static Object retryCount(Delivery delivery) {
        return headersOf(delivery).get("x-retry-count");
    }

    @Test
    void serverAnnouncesTheRetryDelaysCapability() throws Exception {
        Object capabilities = connect().getServerProperties().get("capabilities");
        assertThat(capabilities).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) capabilities).get("retry_delays")).isEqualTo(true);
    }

    @Test
    void eachRejectionWaitsForTheNextDelayThenTheMessageIsDeadLettered() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, List.of(200, 400));
        publishConfirmed(channel, "", p.queue(), headers(Map.of("order", 7)), "flaky");
        TimedDeliveries consumer = consumeTimed(p.queue());
        Channel consumerChannel = consumer.getChannel();

        TimedDeliveries.Timed first = consumer.next();
        assertThat(retryCount(first.delivery())).isNull();
        long firstNack = System.nanoTime();
        consumerChannel.basicNack(first.tag(), false, false);

        TimedDeliveries.Timed second = consumer.next();
        assertWaited(second, firstNack, 200);
        assertThat(second.text()).isEqualTo("flaky");
        assertThat(retryCount(second.delivery())).isEqualTo(1L);
        assertThat(headersOf(second.delivery()).get("order")).isEqualTo(7);
        assertThat(headersOf(second.delivery())).doesNotContainKey("x-death");
        long secondNack = System.nanoTime();
        consumerChannel.basicNack(second.tag(), false, false);

        TimedDeliveries.Timed third = consumer.next();
        assertWaited(third, secondNack, 400);
        assertThat(retryCount(third.delivery())).isEqualTo(2L);
        consumerChannel.basicNack(third.tag(), false, false);

        // the list is used up: dead-lettered once, as a plain rejection
        Delivery dead = consume(p.deadLetterQueue()).next();
        assertThat(Deliveries.text(dead)).isEqualTo("flaky");
        Map<String, Object> death = onlyDeath(dead);
        assertThat(text(death.get("reason"))).isEqualTo("rejected");
        assertThat(text(death.get("queue"))).isEqualTo(p.queue());
        assertThat(count(death)).isEqualTo(1L);
        // the copy tells how many retries were made
        assertThat(retryCount(dead)).isEqualTo(2L);
        assertThat(consumer.poll(Duration.ofMillis(300))).as("no delivery after the last delay").isNull();
    }

    @Test
    void basicRejectRetriesLikeBasicNack() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, List.of(100));
        publishConfirmed(channel, "", p.queue(), null, "m");
        TimedDeliveries consumer = consumeTimed(p.queue());
        TimedDeliveries.Timed first = consumer.next();
        long reject = System.nanoTime();
        consumer.getChannel().basicReject(first.tag(), false);

        TimedDeliveries.Timed retried = consumer.next();
        assertWaited(retried, reject, 100);
        assertThat(retryCount(retried.delivery())).isEqualTo(1L);
    }

    @Test
    void delayCountsFromTheRejectionNotFromTheDelivery() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, List.of(200));
        publishConfirmed(channel, "", p.queue(), null, "slow-consumer");
        TimedDeliveries consumer = consumeTimed(p.queue());
        TimedDeliveries.Timed first = consumer.next();
        // the consumer works on it for longer than the delay before giving up
        await().atMost(Messages.TIMEOUT).until(() -> System.nanoTime() - first.arrivedNanos() > TimeUnit.MILLISECONDS.toNanos(400));
        long nack = System.nanoTime();
        consumer.getChannel().basicNack(first.tag(), false, false);

        assertWaited(consumer.next(), nack, 200);
    }

    @Test
    void heldMessageDoesNotBlockTheMessagesBehindIt() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, List.of(1_000));
        publishConfirmed(channel, "", p.queue(), null, "first");
        publishConfirmed(channel, "", p.queue(), null, "second");
        Channel consumerChannel = openChannel();
        consumerChannel.basicQos(1);
        TimedDeliveries consumer = new TimedDeliveries(consumerChannel);
        consumerChannel.basicConsume(p.queue(), false, consumer);

        TimedDeliveries.Timed first = consumer.next();
        assertThat(first.text()).isEqualTo("first");
        long nack = System.nanoTime();
        consumerChannel.basicNack(first.tag(), false, false);
        TimedDeliveries.Timed second = consumer.next();
        assertThat(second.text()).as("the message behind the held one").isEqualTo("second");
        consumerChannel.basicAck(second.tag(), false);

        TimedDeliveries.Timed retried = consumer.next();
        assertThat(retried.text()).isEqualTo("first");
        assertWaited(retried, nack, 1_000);
    }

    @Test
    void requeueIsNotARetryAttempt() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, List.of(100));
        publishConfirmed(channel, "", p.queue(), null, "m");
        TimedDeliveries consumer = consumeTimed(p.queue());
        consumer.getChannel().basicReject(consumer.next().tag(), true);

        TimedDeliveries.Timed requeued = consumer.next();
        assertThat(requeued.delivery().getEnvelope().isRedeliver()).isTrue();
        assertThat(retryCount(requeued.delivery())).isNull();
        long nack = System.nanoTime();
        consumer.getChannel().basicNack(requeued.tag(), false, false);

        TimedDeliveries.Timed retried = consumer.next();
        assertWaited(retried, nack, 100);
        assertThat(retryCount(retried.delivery())).isEqualTo(1L);
    }

    @Test
    void emptyDelayListDeadLettersAtOnce() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, List.of());
        publishConfirmed(channel, "", p.queue(), null, "m");
        channel.basicReject(Messages.awaitGet(channel, p.queue(), false).getEnvelope().getDeliveryTag(), false);

        Delivery dead = consume(p.deadLetterQueue()).next();
        assertThat(text(onlyDeath(dead).get("reason"))).isEqualTo("rejected");
        assertThat(retryCount(dead)).isNull();
    }

    @Test
    void usedUpRetriesWithoutDeadLetterExchangeDropTheMessage() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = queue(channel, "retrying", args("x-retry-delays", List.of(100)));
        publishConfirmed(channel, "", queue, null, "m");
        TimedDeliveries consumer = consumeTimed(queue);
        consumer.getChannel().basicNack(consumer.next().tag(), false, false);
        TimedDeliveries.Timed retried = consumer.next();
        assertThat(retryCount(retried.delivery())).isEqualTo(1L);
        consumer.getChannel().basicNack(retried.tag(), false, false);

        Messages.awaitMessageCount(channel, queue, 0);
        assertThat(consumer.poll(Duration.ofMillis(300))).isNull();
    }
}
