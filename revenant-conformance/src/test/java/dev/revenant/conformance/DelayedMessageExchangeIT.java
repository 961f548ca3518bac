package dev.revenant.conformance;

import static dev.revenant.conformance.AmqpErrors.assertClose;
import static dev.revenant.conformance.AmqpErrors.channelClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Return;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code x-delayed-message} exchange of RabbitMQ's delayed-message plugin: a message with a
 * positive {@code x-delay} header is held that many milliseconds, then routed like the exchange's
 * {@code x-delayed-type}; the publish is confirmed on receipt. Revenant only: the RabbitMQ node
 * here runs without the plugin.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class DelayedMessageExchangeIT extends DeadLetterBase {
    private static final long EARLY_SLACK_MILLIS = 20;
    private static final long LATE_MILLIS = 1_000;
    private static final Duration NOTHING_MORE = Duration.ofMillis(300);

    @BeforeEach
    void revenantOnly() {
        assumeThat(target.isRevenant()).as("the RabbitMQ node here has no delayed-message plugin").isTrue();
    }

    private String delayedExchange(Channel channel, String underlyingType) throws Exception {
        String name = deleteExchangeAfterTest(unique("delayed-" + underlyingType));
        channel.exchangeDeclare(name, "x-delayed-message", false, false, args("x-delayed-type", underlyingType));
        return name;
    }

    private static AMQP.BasicProperties delay(Object millis) {
        return headers(args("x-delay", millis));
    }

    private static void assertArrivedAfter(TimedDeliveries.Timed delivery, long publishedNanos, long delayMillis) {
        assertThat(delivery.millisSince(publishedNanos)).as("milliseconds from publish to delivery of %s", delivery.text())
                .isBetween(delayMillis - EARLY_SLACK_MILLIS, delayMillis + LATE_MILLIS);
    }

    @Test
    void messageIsDeliveredOnceItsDelayIsOverAndConfirmedAtOnce() throws Exception {
        Channel channel = openConfirmChannel();
        String exchange = delayedExchange(channel, "direct");
        String queue = queue(channel, "delayed", Map.of());
        channel.queueBind(queue, exchange, "k");
        TimedDeliveries consumer = consumeTimed(queue);

        long published = System.nanoTime();
        channel.basicPublish(exchange, "k", delay(700), Messages.utf8("m"));
        channel.waitForConfirmsOrDie(500); // confirmed on receipt, long before the delay is over
        TimedDeliveries.Timed delivery = consumer.next();
        assertArrivedAfter(delivery, published, 700);
        assertThat(delivery.text()).isEqualTo("m");
        assertThat(headersOf(delivery.delivery())).containsEntry("x-delay", -700);
    }

    @Test
    void messagesComeOutByDueTimeNotPublishOrder() throws Exception {
        Channel channel = openConfirmChannel();
        String exchange = delayedExchange(channel, "fanout");
        String queue = queue(channel, "order", Map.of());
        channel.queueBind(queue, exchange, "");
        TimedDeliveries consumer = consumeTimed(queue);

        long published = System.nanoTime();
        channel.basicPublish(exchange, "", delay(900), Messages.utf8("third"));
        channel.basicPublish(exchange, "", delay(300), Messages.utf8("first"));
        channel.basicPublish(exchange, "", delay(600), Messages.utf8("second"));
        channel.waitForConfirmsOrDie(Messages.TIMEOUT.toMillis());

        TimedDeliveries.Timed first = consumer.next();
        TimedDeliveries.Timed second = consumer.next();
        TimedDeliveries.Timed third = consumer.next();
        assertThat(first.text()).isEqualTo("first");
        assertThat(second.text()).isEqualTo("second");
        assertThat(third.text()).isEqualTo("third");
        assertArrivedAfter(first, published, 300);
        assertArrivedAfter(second, published, 600);
        assertArrivedAfter(third, published, 900);
    }

    @Test
    void topicTypeRoutesByPatternWhenReleased() throws Exception {
        Channel channel = openConfirmChannel();
        String exchange = delayedExchange(channel, "topic");
        String orders = queue(channel, "orders", Map.of());
        String everything = queue(channel, "everything", Map.of());
        channel.queueBind(orders, exchange, "order.*");
        channel.queueBind(everything, exchange, "#");
        TimedDeliveries ordersConsumer = consumeTimed(orders);
        TimedDeliveries everythingConsumer = consumeTimed(everything);

        channel.basicPublish(exchange, "payment.done", delay(200), Messages.utf8("payment"));
        channel.basicPublish(exchange, "order.placed", delay(250), Messages.utf8("order"));
        channel.waitForConfirmsOrDie(Messages.TIMEOUT.toMillis());

        assertThat(everythingConsumer.next().text()).isEqualTo("payment");
        assertThat(everythingConsumer.next().text()).isEqualTo("order");
        assertThat(ordersConsumer.next().text()).isEqualTo("order");
        assertThat(ordersConsumer.poll(NOTHING_MORE)).isNull();
    }

    @Test
    void fanoutTypeCopiesToEveryBoundQueue() throws Exception {
        Channel channel = openConfirmChannel();
        String exchange = delayedExchange(channel, "fanout");
        String a = queue(channel, "fan-a", Map.of());
        String b = queue(channel, "fan-b", Map.of());
        channel.queueBind(a, exchange, "ignored");
        channel.queueBind(b, exchange, "");
        publishConfirmed(channel, exchange, "any", delay(150), "copy");
        assertThat(Messages.awaitGet(channel, a, true)).satisfies(r -> assertThat(Messages.text(r)).isEqualTo("copy"));
        assertThat(Messages.awaitGet(channel, b, true)).satisfies(r -> assertThat(Messages.text(r)).isEqualTo("copy"));
    }

    @Test
    void withoutAPositiveDelayTheMessageIsRoutedAtOnce() throws Exception {
        Channel channel = openConfirmChannel();
        String exchange = delayedExchange(channel, "direct");
        String queue = queue(channel, "now", Map.of());
        channel.queueBind(queue, exchange, "k");
        publishConfirmed(channel, exchange, "k", null, "no header");
        publishConfirmed(channel, exchange, "k", delay(0), "zero");
        publishConfirmed(channel, exchange, "k", delay(-5000), "negative");
        publishConfirmed(channel, exchange, "k", delay("not a number"), "text");
        // Confirmed means enqueued for an immediate route: all four are there already.
        assertThat(channel.messageCount(queue)).isEqualTo(4);
        assertThat(Messages.drain(channel, queue)).containsExactly("no header", "zero", "negative", "text");
    }

    @Test
    void heldMessageIsNotInTheQueueBeforeItsDelay() throws Exception {
        Channel channel = openConfirmChannel();
        String exchange = delayedExchange(channel, "direct");
        String queue = queue(channel, "held", Map.of());
        channel.queueBind(queue, exchange, "k");
        publishConfirmed(channel, exchange, "k", delay(3_000), "later");
        assertThat(channel.messageCount(queue)).isZero();
        Messages.awaitMessageCount(channel, queue, 1);
    }

    @Test
    void mandatoryHeldMessageIsReturnedAtOnceAndStillDeliveredLater() throws Exception {
        Channel channel = openConfirmChannel();
        BlockingQueue<Return> returns = new LinkedBlockingQueue<>();
        channel.addReturnListener(returns::add);
        String exchange = delayedExchange(channel, "direct");
        String queue = queue(channel, "mandatory", Map.of());
        channel.queueBind(queue, exchange, "k");
        channel.basicPublish(exchange, "k", true, delay(400), Messages.utf8("held"));
        channel.waitForConfirmsOrDie(Messages.TIMEOUT.toMillis());
        Return returned = returns.poll(Messages.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(returned).isNotNull();
        assertThat(returned.getReplyCode()).isEqualTo(AMQP.NO_ROUTE);
        assertThat(Messages.text(Messages.awaitGet(channel, queue, true))).isEqualTo("held");
    }

    @Test
    void missingOrUnknownDelayedTypeIsRefused() throws Exception {
        for (Map<String, Object> arguments : new Map[] {Map.of(), args("x-delayed-type", "no-such-type"),
                args("x-delayed-type", "x-delayed-message")}) {
            String name = unique("bad-delayed");
            AMQP.Channel.Close close = channelClose(
                    () -> openChannel().exchangeDeclare(name, "x-delayed-message", false, false, arguments));
            assertClose(close, AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
            assertThat(close.getReplyText()).contains("'x-delayed-type' must be an existing exchange type");
            assertClose(channelClose(() -> openChannel().exchangeDeclarePassive(name)), AMQP.NOT_FOUND, "NOT_FOUND");
        }
    }

    @Test
    void passiveAndEquivalentRedeclaresPassDifferentOnesAreRefused() throws Exception {
        Channel channel = openChannel();
        String exchange = delayedExchange(channel, "topic");
        channel.exchangeDeclarePassive(exchange);
        channel.exchangeDeclare(exchange, "x-delayed-message", false, false, args("x-delayed-type", "topic"));

        AMQP.Channel.Close otherUnderlying = channelClose(() -> openChannel()
                .exchangeDeclare(exchange, "x-delayed-message", false, false, args("x-delayed-type", "direct")));
        assertClose(otherUnderlying, AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
        assertThat(otherUnderlying.getReplyText()).contains("x-delayed-type");

        AMQP.Channel.Close plainType = channelClose(() -> openChannel().exchangeDeclare(exchange, "topic", false, false, null));
        assertClose(plainType, AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
        assertThat(plainType.getReplyText()).contains("received 'topic' but current is 'x-delayed-message'");
    }

    @Test
    void tenThousandPendingMessagesAreEachReleasedOnceAndNotEarly() throws Exception {
        int count = 10_000;
        Channel channel = openConfirmChannel();
        String exchange = delayedExchange(channel, "direct");
        String queue = queue(channel, "many", Map.of());
        channel.queueBind(queue, exchange, "k");
        Channel consumerChannel = openChannel();
        TimedDeliveries consumer = new TimedDeliveries(consumerChannel);
        consumerChannel.basicConsume(queue, true, consumer);

        long[] dueNanos = new long[count];
        for (int i = 0; i < count; i++) {
            long delayMillis = 500 + (i * 7919L) % 1_500; // spread over 1.5 s, out of publish order
            dueNanos[i] = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
            channel.basicPublish(exchange, "k", delay((int) delayMillis), Messages.utf8(Integer.toString(i)));
        }
        channel.waitForConfirmsOrDie(Messages.TIMEOUT.toMillis());

        // This client stamps due times before the broker reads the publish; under a burst that lags by
        // up to the publish backlog, so order is checked with that much slack, lateness generously.
        long slack = TimeUnit.MILLISECONDS.toNanos(250);
        Set<Integer> seen = new HashSet<>();
        long lastDue = System.nanoTime() - TimeUnit.HOURS.toNanos(1); // before any due time, without overflow
        for (int n = 0; n < count; n++) {
            TimedDeliveries.Timed delivery = consumer.next();
            int i = Integer.parseInt(delivery.text());
            assertThat(seen.add(i)).as("message %d delivered once", i).isTrue();
            assertThat(delivery.arrivedNanos() - dueNanos[i]).as("message %d: ns from due time to arrival", i)
                    .isBetween(-TimeUnit.MILLISECONDS.toNanos(EARLY_SLACK_MILLIS), TimeUnit.SECONDS.toNanos(5));
            assertThat(dueNanos[i]).as("message %d released in due-time order", i).isGreaterThan(lastDue - slack);
            lastDue = Math.max(lastDue, dueNanos[i]);
        }
        assertThat(consumer.poll(NOTHING_MORE)).isNull();
    }
    @Test
    void persistentMessageReachesADurableQueueWhenReleased() throws Exception {
        Channel channel = openConfirmChannel();
        String exchange = delayedExchange(channel, "direct");
        String queue = deleteAfterTest(unique("durable-delayed"));
        channel.queueDeclare(queue, true, false, false, null);
        channel.queueBind(queue, exchange, "k");
        AMQP.BasicProperties persistent = new AMQP.BasicProperties.Builder()
                .deliveryMode(2).headers(args("x-delay", 200)).build();
        publishConfirmed(channel, exchange, "k", persistent, "kept");
        com.rabbitmq.client.GetResponse got = Messages.awaitGet(channel, queue, true);
        assertThat(Messages.text(got)).isEqualTo("kept");
        assertThat(got.getProps().getDeliveryMode()).isEqualTo(2);
    }

    @Test
    void messagesHeldByADeletedExchangeAreDropped() throws Exception {
        Channel channel = openConfirmChannel();
        String exchange = delayedExchange(channel, "direct");
        String queue = queue(channel, "deleted", Map.of());
        channel.queueBind(queue, exchange, "k");
        TimedDeliveries consumer = consumeTimed(queue);
        publishConfirmed(channel, exchange, "k", delay(300), "orphan");
        channel.exchangeDelete(exchange);
        channel.exchangeDeclare(exchange, "x-delayed-message", false, false, args("x-delayed-type", "direct"));
        channel.queueBind(queue, exchange, "k");
        publishConfirmed(channel, exchange, "k", delay(600), "after redeclare");
        assertThat(consumer.next().text()).isEqualTo("after redeclare");
        assertThat(consumer.poll(NOTHING_MORE)).isNull();
    }
}
