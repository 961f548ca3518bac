package dev.revenant.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reason {@code expired}: queue TTL ({@code x-message-ttl}) and per-message TTL ({@code
 * expiration}), the lower one winning, dead-letter a message once it is at the head of its queue
 * and its time is up, with no consumer needed. Timing is asserted as a lower bound (never before
 * the TTL, less 20 ms of clock slack) and a generous upper bound (the consumer's timeout).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class DeadLetterExpiredIT extends DeadLetterBase {
    private static final long SLACK_MILLIS = 20;

    /** A queue with the given arguments plus a DLX (the default exchange) routing to a fresh DLQ. */
    private record Pair(String queue, String deadLetterQueue) { }

    private Pair pair(Channel channel, Map<String, Object> queueArgs) throws Exception {
        String dlq = queue(channel, "dlq", null);
        Map<String, Object> all = args("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq);
        all.putAll(queueArgs);
        return new Pair(queue(channel, "ttl", all), dlq);
    }

    @Test
    void queueTtlDeadLettersFromTheHeadWithoutAnyConsumer() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, args("x-message-ttl", 100));
        TimedDeliveries dlq = consumeTimed(p.deadLetterQueue());
        long start = System.nanoTime();
        publishConfirmed(channel, "", p.queue(), null, "ttl");

        TimedDeliveries.Timed dead = dlq.next();
        assertThat(dead.millisSince(start)).isGreaterThanOrEqualTo(100 - SLACK_MILLIS);
        Map<String, Object> death = onlyDeath(dead.delivery());
        assertThat(death).containsOnlyKeys("count", "reason", "queue", "time", "exchange", "routing-keys");
        assertThat(text(death.get("reason"))).isEqualTo("expired");
        assertThat(text(death.get("queue"))).isEqualTo(p.queue());
        assertThat(text(death.get("exchange"))).isEmpty();
        assertThat(routingKeys(death)).containsExactly(p.queue());
        assertThat(count(death)).isEqualTo(1L);
        Map<String, Object> headers = headersOf(dead.delivery());
        assertThat(text(headers.get("x-first-death-reason"))).isEqualTo("expired");
        assertThat(text(headers.get("x-first-death-queue"))).isEqualTo(p.queue());
        assertThat(channel.messageCount(p.queue())).isZero();
    }

    @Test
    void quorumQueueTtlDeadLettersToo() throws Exception {
        Channel channel = openConfirmChannel();
        String dlq = queue(channel, "dlq", null);
        String queue = quorumQueue(channel, "ttl",
                args("x-message-ttl", 100, "x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        TimedDeliveries dead = consumeTimed(dlq);
        long start = System.nanoTime();
        publishConfirmed(channel, "", queue, expiration("60000"), "quorum-ttl");

        TimedDeliveries.Timed copy = dead.next();
        assertThat(copy.millisSince(start)).isGreaterThanOrEqualTo(100 - SLACK_MILLIS);
        Map<String, Object> death = onlyDeath(copy.delivery());
        assertThat(text(death.get("reason"))).isEqualTo("expired");
        assertThat(text(death.get("queue"))).isEqualTo(queue);
        assertThat(text(death.get("original-expiration"))).isEqualTo("60000");
    }

    @Test
    void perMessageTtlDeadLettersWithOriginalExpirationAndNoExpirationProperty() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, Map.of());
        TimedDeliveries dlq = consumeTimed(p.deadLetterQueue());
        long start = System.nanoTime();
        publishConfirmed(channel, "", p.queue(), expiration("150"), "ttl");

        TimedDeliveries.Timed dead = dlq.next();
        assertThat(dead.millisSince(start)).isGreaterThanOrEqualTo(150 - SLACK_MILLIS);
        assertThat(dead.delivery().getProperties().getExpiration()).isNull();
        Map<String, Object> death = onlyDeath(dead.delivery());
        assertThat(text(death.get("reason"))).isEqualTo("expired");
        assertThat(text(death.get("original-expiration"))).isEqualTo("150");
    }

    @Test
    void shorterMessageTtlWinsOverTheQueueTtl() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, args("x-message-ttl", 60_000));
        TimedDeliveries dlq = consumeTimed(p.deadLetterQueue());
        publishConfirmed(channel, "", p.queue(), expiration("100"), "short");

        // far below the queue's 60 s: the message's own 100 ms applied
        Map<String, Object> death = onlyDeath(dlq.next().delivery());
        assertThat(text(death.get("reason"))).isEqualTo("expired");
        assertThat(text(death.get("original-expiration"))).isEqualTo("100");
    }

    @Test
    void shorterQueueTtlWinsOverTheMessageTtl() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, args("x-message-ttl", 100));
        TimedDeliveries dlq = consumeTimed(p.deadLetterQueue());
        long start = System.nanoTime();
        publishConfirmed(channel, "", p.queue(), expiration("60000"), "long");

        TimedDeliveries.Timed dead = dlq.next();
        assertThat(dead.millisSince(start)).isGreaterThanOrEqualTo(100 - SLACK_MILLIS);
        Map<String, Object> death = onlyDeath(dead.delivery());
        assertThat(text(death.get("original-expiration"))).isEqualTo("60000");
        assertThat(dead.delivery().getProperties().getExpiration()).isNull();
    }

    @Test
    void messageTtlZeroExpiresAtOnceWithoutAConsumer() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, Map.of());
        publishConfirmed(channel, "", p.queue(), expiration("0"), "zero");
        Delivery dead = consume(p.deadLetterQueue()).next();
        assertThat(text(onlyDeath(dead).get("reason"))).isEqualTo("expired");
        assertThat(text(onlyDeath(dead).get("original-expiration"))).isEqualTo("0");
        assertThat(channel.basicGet(p.queue(), true)).isNull();
    }

    @Test
    void queueTtlZeroExpiresAtOnceWithoutAConsumer() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, args("x-message-ttl", 0));
        publishConfirmed(channel, "", p.queue(), null, "zero");
        Delivery dead = consume(p.deadLetterQueue()).next();
        assertThat(text(onlyDeath(dead).get("reason"))).isEqualTo("expired");
        assertThat(channel.basicGet(p.queue(), true)).isNull();
    }

    @Test
    void ttlZeroIsStillDeliveredToAWaitingConsumer() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, args("x-message-ttl", 0));
        Deliveries dlq = consume(p.deadLetterQueue());
        Deliveries consumer = consume(p.queue());
        consumer.consumeOk.get(Deliveries.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        publishConfirmed(channel, "", p.queue(), null, "caught");
        assertThat(Deliveries.text(consumer.next())).isEqualTo("caught");
        dlq.assertNoNewDeliveryWithin(Duration.ofMillis(300));
    }

    @Test
    void messageTtlZeroIsStillDeliveredToAWaitingConsumer() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, Map.of());
        Deliveries dlq = consume(p.deadLetterQueue());
        Deliveries consumer = consume(p.queue());
        consumer.consumeOk.get(Deliveries.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        publishConfirmed(channel, "", p.queue(), expiration("0"), "caught");
        Delivery delivery = consumer.next();
        assertThat(Deliveries.text(delivery)).isEqualTo("caught");
        assertThat(delivery.getProperties().getExpiration()).isEqualTo("0");
        dlq.assertNoNewDeliveryWithin(Duration.ofMillis(300));
    }

    @Test
    void shorterTtlBehindALongerOneWaitsUntilItReachesTheHead() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, Map.of());
        TimedDeliveries dlq = consumeTimed(p.deadLetterQueue());
        long start = System.nanoTime();
        channel.basicPublish("", p.queue(), expiration("800"), Messages.utf8("long-first"));
        channel.basicPublish("", p.queue(), expiration("50"), Messages.utf8("short-behind"));
        channel.waitForConfirmsOrDie(Messages.TIMEOUT.toMillis());

        // RabbitMQ expires only at the head: the 50 ms message waits behind the 800 ms one
        TimedDeliveries.Timed first = dlq.next();
        TimedDeliveries.Timed second = dlq.next();
        assertThat(first.text()).isEqualTo("long-first");
        assertThat(second.text()).isEqualTo("short-behind");
        assertThat(first.millisSince(start)).isGreaterThanOrEqualTo(800 - SLACK_MILLIS);
        assertThat(second.millisSince(start)).isGreaterThanOrEqualTo(800 - SLACK_MILLIS);
        assertThat(text(onlyDeath(second.delivery()).get("original-expiration"))).isEqualTo("50");
    }

    @Test
    void longerTtlBehindAShorterOneExpiresOnItsOwnTime() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, Map.of());
        TimedDeliveries dlq = consumeTimed(p.deadLetterQueue());
        long start = System.nanoTime();
        channel.basicPublish("", p.queue(), expiration("100"), Messages.utf8("short-first"));
        channel.basicPublish("", p.queue(), expiration("400"), Messages.utf8("long-behind"));
        channel.waitForConfirmsOrDie(Messages.TIMEOUT.toMillis());

        TimedDeliveries.Timed first = dlq.next();
        TimedDeliveries.Timed second = dlq.next();
        assertThat(first.text()).isEqualTo("short-first");
        assertThat(second.text()).isEqualTo("long-behind");
        assertThat(first.millisSince(start)).isGreaterThanOrEqualTo(100 - SLACK_MILLIS);
        assertThat(second.millisSince(start)).isGreaterThanOrEqualTo(400 - SLACK_MILLIS);
    }

    @Test
    void messageBehindABusyConsumerExpiresAtTheHead() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, args("x-message-ttl", 150));
        TimedDeliveries dlq = consumeTimed(p.deadLetterQueue());
        Channel consumerChannel = openChannel();
        consumerChannel.basicQos(1);
        Deliveries busy = new Deliveries(consumerChannel);
        consumerChannel.basicConsume(p.queue(), false, busy);
        long start = System.nanoTime();
        channel.basicPublish("", p.queue(), null, Messages.utf8("being-worked-on"));
        channel.basicPublish("", p.queue(), null, Messages.utf8("waiting"));
        channel.waitForConfirmsOrDie(Messages.TIMEOUT.toMillis());
        assertThat(Deliveries.text(busy.next())).isEqualTo("being-worked-on");

        // the consumer has no credit left: the waiting message reaches the head and expires there
        TimedDeliveries.Timed dead = dlq.next();
        assertThat(dead.text()).isEqualTo("waiting");
        assertThat(dead.millisSince(start)).isGreaterThanOrEqualTo(150 - SLACK_MILLIS);
        assertThat(text(onlyDeath(dead.delivery()).get("reason"))).isEqualTo("expired");
        assertThat(busy.pending()).isZero();
    }

    @Test
    void unackedMessageDoesNotExpireButARequeuedOneKeepsItsExpiry() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, args("x-message-ttl", 200));
        Deliveries dlq = consume(p.deadLetterQueue());
        Deliveries consumer = consume(p.queue());
        String tag = consumerTag(consumer);
        long start = System.nanoTime();
        publishConfirmed(channel, "", p.queue(), null, "held");
        Delivery delivery = consumer.next();

        // hold it unsettled well past its TTL: a delivered message does not expire
        await().atMost(Messages.TIMEOUT).until(() -> System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(400));
        assertThat(dlq.pending()).isZero();
        consumer.getChannel().basicCancel(tag);
        consumer.getChannel().basicReject(delivery.getEnvelope().getDeliveryTag(), true);

        // back in the queue, its expiry has passed: dead-lettered as expired
        Delivery dead = dlq.next();
        assertThat(Deliveries.text(dead)).isEqualTo("held");
        assertThat(text(onlyDeath(dead).get("reason"))).isEqualTo("expired");
    }

    private static String consumerTag(Deliveries consumer) throws Exception {
        return consumer.consumeOk.get(Deliveries.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
