package dev.revenant.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reason {@code rejected}: basic.reject and basic.nack with requeue=false republish the message to
 * the queue's dead-letter exchange with one {@code x-death} entry in RabbitMQ's layout and types,
 * routed by the dead-letter routing key or else by the message's own keys (CC included, BCC never).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class DeadLetterRejectedIT extends DeadLetterBase {
    private static final Duration QUIET = Duration.ofMillis(300);

    /** A direct source exchange feeding a queue whose dead-letter exchange feeds a DLQ. */
    private record Topology(String exchange, String queue, String deadLetterExchange, String deadLetterQueue) { }

    private Topology topology(Channel channel, String key, Map<String, Object> extraQueueArgs) throws Exception {
        String exchange = exchange(channel, "direct");
        String dlx = exchange(channel, "direct");
        Map<String, Object> queueArgs = args("x-dead-letter-exchange", dlx);
        queueArgs.putAll(extraQueueArgs);
        String queue = queue(channel, "work", queueArgs);
        channel.queueBind(queue, exchange, key);
        String dlq = queue(channel, "dlq", null);
        channel.queueBind(dlq, dlx, key);
        return new Topology(exchange, queue, dlx, dlq);
    }

    @Test
    void rejectWithoutRequeueRepublishesToTheDeadLetterExchangeWithTheMessageIntact() throws Exception {
        Channel channel = openConfirmChannel();
        Topology t = topology(channel, "order.paid", Map.of());
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId("order-42").contentType("application/json")
                .deliveryMode(2).correlationId("c-1").appId("shop").headers(Map.of("tenant", "kids")).build();
        publishConfirmed(channel, t.exchange(), "order.paid", props, "{\"order\":42}");

        Deliveries work = consume(t.queue());
        Delivery delivery = work.next();
        work.getChannel().basicReject(delivery.getEnvelope().getDeliveryTag(), false);

        Delivery dead = consume(t.deadLetterQueue()).next();
        assertThat(Deliveries.text(dead)).isEqualTo("{\"order\":42}");
        assertThat(dead.getEnvelope().getExchange()).isEqualTo(t.deadLetterExchange());
        assertThat(dead.getEnvelope().getRoutingKey()).isEqualTo("order.paid");
        assertThat(dead.getEnvelope().isRedeliver()).isFalse();
        AMQP.BasicProperties deadProps = dead.getProperties();
        assertThat(deadProps.getMessageId()).isEqualTo("order-42");
        assertThat(deadProps.getContentType()).isEqualTo("application/json");
        assertThat(deadProps.getDeliveryMode()).isEqualTo(2);
        assertThat(deadProps.getCorrelationId()).isEqualTo("c-1");
        assertThat(deadProps.getAppId()).isEqualTo("shop");
        assertThat(text(headersOf(dead).get("tenant"))).isEqualTo("kids");
        Messages.awaitMessageCount(channel, t.queue(), 0);
    }

    @Test
    void xDeathEntryHasEveryFieldWithRabbitMqTypes() throws Exception {
        Channel channel = openConfirmChannel();
        Topology t = topology(channel, "order.paid", Map.of());
        Instant before = Instant.now();
        publishConfirmed(channel, t.exchange(), "order.paid", null, "m");
        GetResponse got = Messages.awaitGet(channel, t.queue(), false);
        channel.basicReject(got.getEnvelope().getDeliveryTag(), false);

        Delivery dead = consume(t.deadLetterQueue()).next();
        Instant after = Instant.now();
        Map<String, Object> death = onlyDeath(dead);
        assertThat(death).containsOnlyKeys("count", "reason", "queue", "time", "exchange", "routing-keys");
        assertThat(count(death)).isEqualTo(1L);
        assertThat(text(death.get("reason"))).isEqualTo("rejected");
        assertThat(text(death.get("queue"))).isEqualTo(t.queue());
        assertThat(text(death.get("exchange"))).isEqualTo(t.exchange());
        assertThat(routingKeys(death)).containsExactly("order.paid");
        // AMQP timestamps have second precision
        assertThat(death.get("time")).isInstanceOf(Date.class);
        Instant time = ((Date) death.get("time")).toInstant();
        assertThat(time).isBetween(before.minusSeconds(1), after.plusSeconds(1));

        Map<String, Object> headers = headersOf(dead);
        assertThat(text(headers.get("x-first-death-reason"))).isEqualTo("rejected");
        assertThat(text(headers.get("x-first-death-queue"))).isEqualTo(t.queue());
        assertThat(text(headers.get("x-first-death-exchange"))).isEqualTo(t.exchange());
        assertThat(headers).doesNotContainKeys("x-delivery-count", "CC", "BCC");
    }

    @Test
    void lastDeathHeadersFollowTheNewestDeath() throws Exception {
        assumeThat(target.isRevenant()).as("x-last-death-* exist from RabbitMQ 3.13 on").isTrue();
        Channel channel = openConfirmChannel();
        Topology t = topology(channel, "k", Map.of());
        publishConfirmed(channel, t.exchange(), "k", null, "m");
        GetResponse got = Messages.awaitGet(channel, t.queue(), false);
        channel.basicReject(got.getEnvelope().getDeliveryTag(), false);

        Map<String, Object> headers = headersOf(consume(t.deadLetterQueue()).next());
        assertThat(text(headers.get("x-last-death-reason"))).isEqualTo("rejected");
        assertThat(text(headers.get("x-last-death-queue"))).isEqualTo(t.queue());
        assertThat(text(headers.get("x-last-death-exchange"))).isEqualTo(t.exchange());
    }

    @Test
    void nackWithoutRequeueDeadLettersWithReasonRejected() throws Exception {
        Channel channel = openConfirmChannel();
        Topology t = topology(channel, "k", Map.of());
        publishConfirmed(channel, t.exchange(), "k", null, "nacked");
        Deliveries work = consume(t.queue());
        work.getChannel().basicNack(work.next().getEnvelope().getDeliveryTag(), false, false);

        Delivery dead = consume(t.deadLetterQueue()).next();
        assertThat(Deliveries.text(dead)).isEqualTo("nacked");
        assertThat(text(onlyDeath(dead).get("reason"))).isEqualTo("rejected");
    }

    @Test
    void nackMultipleDeadLettersEveryUnsettledMessageUpToTheTagInOrder() throws Exception {
        Channel channel = openConfirmChannel();
        Topology t = topology(channel, "k", Map.of());
        for (String body : List.of("m1", "m2", "m3", "m4")) {
            channel.basicPublish(t.exchange(), "k", null, Messages.utf8(body));
        }
        channel.waitForConfirmsOrDie(Messages.TIMEOUT.toMillis());
        Deliveries work = consume(t.queue());
        List<Delivery> delivered = work.next(4);
        work.getChannel().basicNack(delivered.get(2).getEnvelope().getDeliveryTag(), true, false);

        Deliveries dlq = consume(t.deadLetterQueue());
        assertThat(dlq.nextBodies(3)).containsExactly("m1", "m2", "m3");
        // m4 was past the tag: still unsettled, so it can be acked normally
        work.getChannel().basicAck(delivered.get(3).getEnvelope().getDeliveryTag(), false);
        dlq.assertNoNewDeliveryWithin(QUIET);
        Messages.awaitMessageCount(channel, t.queue(), 0);
    }

    @Test
    void rejectWithRequeueRedeliversAndDoesNotDeadLetter() throws Exception {
        Channel channel = openConfirmChannel();
        Topology t = topology(channel, "k", Map.of());
        publishConfirmed(channel, t.exchange(), "k", null, "again");
        Deliveries dlq = consume(t.deadLetterQueue());
        Deliveries work = consume(t.queue());
        Delivery first = work.next();
        assertThat(first.getEnvelope().isRedeliver()).isFalse();
        work.getChannel().basicReject(first.getEnvelope().getDeliveryTag(), true);

        Delivery second = work.next();
        assertThat(Deliveries.text(second)).isEqualTo("again");
        assertThat(second.getEnvelope().isRedeliver()).isTrue();
        assertThat(second.getProperties().getHeaders()).isNull();
        dlq.assertNoNewDeliveryWithin(QUIET);
    }

    @Test
    void closingTheChannelRequeuesUnsettledMessagesWithoutDeadLettering() throws Exception {
        Channel channel = openConfirmChannel();
        Topology t = topology(channel, "k", Map.of());
        publishConfirmed(channel, t.exchange(), "k", null, "unsettled");
        Deliveries dlq = consume(t.deadLetterQueue());
        Deliveries work = consume(t.queue());
        work.next();
        work.getChannel().close();

        GetResponse back = Messages.awaitGet(channel, t.queue(), true);
        assertThat(Messages.text(back)).isEqualTo("unsettled");
        assertThat(back.getEnvelope().isRedeliver()).isTrue();
        dlq.assertNoNewDeliveryWithin(QUIET);
    }

    @Test
    void deadLetterRoutingKeyReplacesTheKeysAndDropsCc() throws Exception {
        Channel channel = openConfirmChannel();
        Topology t = topology(channel, "dead", Map.of("x-dead-letter-routing-key", "dead"));
        channel.queueBind(t.queue(), t.exchange(), "order.paid");
        publishConfirmed(channel, t.exchange(), "order.paid", headers(Map.of("CC", List.of("order.copy"))), "m");
        GetResponse got = Messages.awaitGet(channel, t.queue(), false);
        channel.basicReject(got.getEnvelope().getDeliveryTag(), false);

        Delivery dead = consume(t.deadLetterQueue()).next();
        assertThat(dead.getEnvelope().getRoutingKey()).isEqualTo("dead");
        assertThat(headersOf(dead)).doesNotContainKeys("CC", "BCC");
        assertThat(routingKeys(onlyDeath(dead))).containsExactly("order.paid", "order.copy");
    }

    @Test
    void withoutDeadLetterRoutingKeyTheCopyIsRoutedByItsOwnKeysCcIncluded() throws Exception {
        Channel channel = openConfirmChannel();
        Topology t = topology(channel, "order.paid", Map.of());
        String ccQueue = queue(channel, "dlq-cc", null);
        channel.queueBind(ccQueue, t.deadLetterExchange(), "order.copy");
        publishConfirmed(channel, t.exchange(), "order.paid", headers(Map.of("CC", List.of("order.copy"))), "m");
        GetResponse got = Messages.awaitGet(channel, t.queue(), false);
        channel.basicReject(got.getEnvelope().getDeliveryTag(), false);

        for (String dlq : List.of(t.deadLetterQueue(), ccQueue)) {
            Delivery dead = consume(dlq).next();
            assertThat(dead.getEnvelope().getRoutingKey()).as("routing key in %s", dlq).isEqualTo("order.paid");
            assertThat(headersOf(dead)).containsKey("CC").doesNotContainKey("BCC");
            assertThat(routingKeys(onlyDeath(dead))).containsExactly("order.paid", "order.copy");
        }
    }

    @Test
    void bccIsNeverInTheDeadLetteredCopy() throws Exception {
        Channel channel = openConfirmChannel();
        Topology t = topology(channel, "order.paid", Map.of());
        publishConfirmed(channel, t.exchange(), "order.paid", headers(Map.of("BCC", List.of("secret"))), "m");
        GetResponse got = Messages.awaitGet(channel, t.queue(), false);
        assertThat(got.getProps().getHeaders()).doesNotContainKey("BCC");
        channel.basicReject(got.getEnvelope().getDeliveryTag(), false);

        Delivery dead = consume(t.deadLetterQueue()).next();
        assertThat(headersOf(dead)).doesNotContainKey("BCC");
        assertThat(routingKeys(onlyDeath(dead))).doesNotContain("secret");
    }

    @Test
    void expirationIsRemovedAndKeptAsOriginalExpiration() throws Exception {
        Channel channel = openConfirmChannel();
        Topology t = topology(channel, "k", Map.of());
        publishConfirmed(channel, t.exchange(), "k", expiration("60000"), "m");
        GetResponse got = Messages.awaitGet(channel, t.queue(), false);
        channel.basicReject(got.getEnvelope().getDeliveryTag(), false);

        Delivery dead = consume(t.deadLetterQueue()).next();
        assertThat(dead.getProperties().getExpiration()).isNull();
        Map<String, Object> death = onlyDeath(dead);
        assertThat(text(death.get("original-expiration"))).isEqualTo("60000");
        assertThat(text(death.get("reason"))).isEqualTo("rejected");
    }

    @Test
    void defaultExchangeAsDeadLetterExchangeWithRoutingKeyNamingTheQueue() throws Exception {
        Channel channel = openConfirmChannel();
        String dlq = queue(channel, "dlq", null);
        String queue = queue(channel, "work", args("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        publishConfirmed(channel, "", queue, null, "m");
        GetResponse got = Messages.awaitGet(channel, queue, false);
        channel.basicNack(got.getEnvelope().getDeliveryTag(), false, false);

        Delivery dead = consume(dlq).next();
        assertThat(dead.getEnvelope().getExchange()).isEmpty();
        assertThat(dead.getEnvelope().getRoutingKey()).isEqualTo(dlq);
        Map<String, Object> death = onlyDeath(dead);
        assertThat(text(death.get("exchange"))).isEmpty();
        assertThat(routingKeys(death)).containsExactly(queue);
        assertThat(text(headersOf(dead).get("x-first-death-exchange"))).isEmpty();
    }

    @Test
    void fanoutDeadLetterExchangeCopiesToEveryBoundQueue() throws Exception {
        Channel channel = openConfirmChannel();
        String dlx = exchange(channel, "fanout");
        String first = queue(channel, "dlq-a", null);
        String second = queue(channel, "dlq-b", null);
        channel.queueBind(first, dlx, "");
        channel.queueBind(second, dlx, "");
        String queue = queue(channel, "work", args("x-dead-letter-exchange", dlx));
        publishConfirmed(channel, "", queue, null, "fan");
        GetResponse got = Messages.awaitGet(channel, queue, false);
        channel.basicReject(got.getEnvelope().getDeliveryTag(), false);

        for (String dlq : List.of(first, second)) {
            Delivery dead = consume(dlq).next();
            assertThat(Deliveries.text(dead)).isEqualTo("fan");
            assertThat(text(onlyDeath(dead).get("queue"))).isEqualTo(queue);
        }
    }

    @Test
    void queueWithoutDeadLetterExchangeDiscardsARejectedMessage() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = queue(channel, "plain", null);
        publishConfirmed(channel, "", queue, null, "gone");
        GetResponse got = Messages.awaitGet(channel, queue, false);
        channel.basicReject(got.getEnvelope().getDeliveryTag(), false);
        Messages.awaitMessageCount(channel, queue, 0);
        assertThat(channel.basicGet(queue, true)).isNull();
        assertThat(channel.isOpen()).isTrue();
    }
}
