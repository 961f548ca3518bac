package dev.revenant.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A message's dead-lettering history across several deaths: one {@code x-death} entry per
 * (queue, reason), most recent first, its count going up on each repeat; {@code x-first-death-*}
 * fixed at the first death; and RabbitMQ's cycle rule (a message that would return to a queue it
 * died in, with no rejection on the way, is dropped for that queue; rejections keep loops going).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class DeadLetterHistoryIT extends DeadLetterBase {
    private static final Duration QUIET = Duration.ofMillis(500);

    @Test
    void ttlRetryLoopCountsEveryRoundMostRecentFirst() throws Exception {
        Channel channel = openConfirmChannel();
        String work = unique("work");
        String delay = unique("delay");
        String rejections = exchange(channel, "fanout");
        String observer = queue(channel, "observer", null);
        channel.queueDeclare(deleteAfterTest(delay), false, false, false,
                args("x-message-ttl", 50, "x-dead-letter-exchange", "", "x-dead-letter-routing-key", work));
        channel.queueDeclare(deleteAfterTest(work), false, false, false, args("x-dead-letter-exchange", rejections));
        channel.queueBind(delay, rejections, "");
        channel.queueBind(observer, rejections, "");
        publishConfirmed(channel, "", work, expiration("60000"), "retry-me");

        Deliveries consumer = consume(work);
        Deliveries rejected = consume(observer);
        Delivery first = consumer.next();
        assertThat(headersOf(first)).doesNotContainKey("x-death");
        consumer.getChannel().basicReject(first.getEnvelope().getDeliveryTag(), false);
        assertThat(summary(rejected.next())).containsExactly(work + "/rejected/1");
        Delivery again = consumer.next();
        Date firstRejection = (Date) xDeath(again).get(1).get("time");
        for (int round = 1; round <= 3; round++) {
            // back from the delay queue: its expiry is the newest death
            assertThat(summary(again)).containsExactly(delay + "/expired/" + round, work + "/rejected/" + round);
            assertThat(again.getEnvelope().getExchange()).isEmpty();
            assertThat(again.getEnvelope().getRoutingKey()).isEqualTo(work);
            Map<String, Object> headers = headersOf(again);
            assertThat(text(headers.get("x-first-death-reason"))).isEqualTo("rejected");
            assertThat(text(headers.get("x-first-death-queue"))).isEqualTo(work);
            assertThat(text(headers.get("x-first-death-exchange"))).isEmpty();
            // an entry keeps the time of its first death while its count goes up
            assertThat(xDeath(again).get(1).get("time")).isEqualTo(firstRejection);
            // the expiration was taken off at the first death: only that entry remembers it
            assertThat(text(xDeath(again).get(1).get("original-expiration"))).isEqualTo("60000");
            assertThat(xDeath(again).get(0)).doesNotContainKey("original-expiration");
            assertThat(again.getProperties().getExpiration()).isNull();
            if (round == 3) {
                consumer.getChannel().basicAck(again.getEnvelope().getDeliveryTag(), false);
                break;
            }
            consumer.getChannel().basicReject(again.getEnvelope().getDeliveryTag(), false);
            // the repeated rejection moved its entry back to the front
            assertThat(summary(rejected.next()))
                    .containsExactly(work + "/rejected/" + (round + 1), delay + "/expired/" + round);
            again = consumer.next();
        }
        consumer.assertNoNewDeliveryWithin(Duration.ofMillis(200));
    }

    @Test
    void twoReasonsAlongAChainAreListedNewestFirst() throws Exception {
        Channel channel = openConfirmChannel();
        String toDelay = exchange(channel, "direct");
        String toFinal = exchange(channel, "fanout");
        String delay = queue(channel, "delay", args("x-message-ttl", 50, "x-dead-letter-exchange", toFinal));
        String work = queue(channel, "work", args("x-dead-letter-exchange", toDelay, "x-dead-letter-routing-key", "to-delay"));
        String last = queue(channel, "final", null);
        channel.queueBind(delay, toDelay, "to-delay");
        channel.queueBind(last, toFinal, "");
        publishConfirmed(channel, "", work, null, "m");
        channel.basicReject(Messages.awaitGet(channel, work, false).getEnvelope().getDeliveryTag(), false);

        Delivery dead = consume(last).next();
        assertThat(dead.getEnvelope().getExchange()).isEqualTo(toFinal);
        assertThat(dead.getEnvelope().getRoutingKey()).isEqualTo("to-delay");
        List<Map<String, Object>> deaths = xDeath(dead);
        assertThat(summary(dead)).containsExactly(delay + "/expired/1", work + "/rejected/1");
        assertThat(text(deaths.get(0).get("exchange"))).isEqualTo(toDelay);
        assertThat(routingKeys(deaths.get(0))).containsExactly("to-delay");
        assertThat(text(deaths.get(1).get("exchange"))).isEmpty();
        assertThat(routingKeys(deaths.get(1))).containsExactly(work);
        Map<String, Object> headers = headersOf(dead);
        assertThat(text(headers.get("x-first-death-reason"))).isEqualTo("rejected");
        assertThat(text(headers.get("x-first-death-queue"))).isEqualTo(work);
        assertThat(text(headers.get("x-first-death-exchange"))).isEmpty();
    }

    @Test
    void republishedCopyKeepsCountingInTheHistoryItCarries() throws Exception {
        Channel channel = openConfirmChannel();
        String dlq = queue(channel, "dlq", null);
        String work = queue(channel, "work", args("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        publishConfirmed(channel, "", work, expiration("60000"), "redriven");
        channel.basicReject(Messages.awaitGet(channel, work, false).getEnvelope().getDeliveryTag(), false);
        Deliveries deadLetters = consume(dlq);
        Delivery firstDeath = deadLetters.next();

        // a redrive by hand: the client publishes the dead-lettered copy back with its headers
        publishConfirmed(channel, "", work, firstDeath.getProperties(), Deliveries.text(firstDeath));
        channel.basicReject(Messages.awaitGet(channel, work, false).getEnvelope().getDeliveryTag(), false);

        Delivery secondDeath = deadLetters.next();
        assertThat(summary(secondDeath)).containsExactly(work + "/rejected/2");
        Map<String, Object> death = onlyDeath(secondDeath);
        assertThat(death.get("time")).isEqualTo(onlyDeath(firstDeath).get("time"));
        assertThat(text(death.get("original-expiration"))).isEqualTo("60000");
        assertThat(text(headersOf(secondDeath).get("x-first-death-queue"))).isEqualTo(work);
    }

    @Test
    void lastDeathHeadersNameTheNewestDeathAlongAChain() throws Exception {
        assumeThat(target.isRevenant()).as("x-last-death-* exist from RabbitMQ 3.13 on").isTrue();
        Channel channel = openConfirmChannel();
        String last = queue(channel, "final", null);
        String delay = queue(channel, "delay",
                args("x-message-ttl", 50, "x-dead-letter-exchange", "", "x-dead-letter-routing-key", last));
        String work = queue(channel, "work", args("x-dead-letter-exchange", "", "x-dead-letter-routing-key", delay));
        publishConfirmed(channel, "", work, null, "m");
        channel.basicReject(Messages.awaitGet(channel, work, false).getEnvelope().getDeliveryTag(), false);

        Map<String, Object> headers = headersOf(consume(last).next());
        assertThat(text(headers.get("x-last-death-reason"))).isEqualTo("expired");
        assertThat(text(headers.get("x-last-death-queue"))).isEqualTo(delay);
        assertThat(text(headers.get("x-last-death-exchange"))).isEmpty();
        assertThat(text(headers.get("x-first-death-reason"))).isEqualTo("rejected");
        assertThat(text(headers.get("x-first-death-queue"))).isEqualTo(work);
    }

    @Test
    void rejectLoopBackIntoTheSameQueueKeepsGoing() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = unique("self");
        channel.queueDeclare(deleteAfterTest(queue), false, false, false,
                args("x-dead-letter-exchange", "", "x-dead-letter-routing-key", queue));
        publishConfirmed(channel, "", queue, null, "boomerang");

        Deliveries consumer = consume(queue);
        Delivery delivery = consumer.next();
        for (int round = 1; round <= 5; round++) {
            consumer.getChannel().basicReject(delivery.getEnvelope().getDeliveryTag(), false);
            delivery = consumer.next();
            assertThat(Deliveries.text(delivery)).isEqualTo("boomerang");
            assertThat(summary(delivery)).containsExactly(queue + "/rejected/" + round);
            // a dead-lettered copy is a new message, not a redelivery
            assertThat(delivery.getEnvelope().isRedeliver()).isFalse();
        }
        consumer.getChannel().basicAck(delivery.getEnvelope().getDeliveryTag(), false);
        Messages.awaitMessageCount(channel, queue, 0);
    }

    @Test
    void ttlSelfLoopIsDroppedForTheLoopingQueueOnly() throws Exception {
        Channel channel = openConfirmChannel();
        String fanout = exchange(channel, "fanout");
        String queue = queue(channel, "self-ttl", args("x-message-ttl", 50, "x-dead-letter-exchange", fanout));
        String observer = queue(channel, "observer", null);
        channel.queueBind(queue, fanout, "");
        channel.queueBind(observer, fanout, "");
        Deliveries observed = consume(observer);
        publishConfirmed(channel, "", queue, null, "loop");

        Delivery copy = observed.next();
        assertThat(summary(copy)).containsExactly(queue + "/expired/1");
        // had the copy re-entered the queue, it would expire again every 50 ms
        observed.assertNoNewDeliveryWithin(QUIET);
        assertThat(channel.messageCount(queue)).isZero();
    }

    @Test
    void overflowDeadLetteredIntoItsOwnQueueIsDropped() throws Exception {
        Channel channel = openConfirmChannel();
        String fanout = exchange(channel, "fanout");
        String queue = queue(channel, "self-maxlen", args("x-max-length", 1, "x-dead-letter-exchange", fanout));
        String observer = queue(channel, "observer", null);
        channel.queueBind(queue, fanout, "");
        channel.queueBind(observer, fanout, "");
        Deliveries observed = consume(observer);
        publishConfirmed(channel, "", queue, null, "pushed-out");
        publishConfirmed(channel, "", queue, null, "newest");

        Delivery copy = observed.next();
        assertThat(Deliveries.text(copy)).isEqualTo("pushed-out");
        assertThat(summary(copy)).containsExactly(queue + "/maxlen/1");
        // back in the queue, pushed-out would push newest out in turn: the cycle rule drops it instead
        observed.assertNoNewDeliveryWithin(QUIET);
        assertThat(Messages.drain(channel, queue)).containsExactly("newest");
    }

    @Test
    void twoQueuePingPongStopsBeforeReturningToTheFirstQueue() throws Exception {
        Channel channel = openConfirmChannel();
        String back = exchange(channel, "fanout");
        String ping = unique("ping");
        String pong = queue(channel, "pong", args("x-message-ttl", 50, "x-dead-letter-exchange", back));
        channel.queueDeclare(deleteAfterTest(ping), false, false, false,
                args("x-message-ttl", 50, "x-dead-letter-exchange", "", "x-dead-letter-routing-key", pong));
        String observer = queue(channel, "observer", null);
        channel.queueBind(ping, back, "");
        channel.queueBind(observer, back, "");
        Deliveries observed = consume(observer);
        publishConfirmed(channel, "", ping, null, "ball");

        Delivery copy = observed.next();
        assertThat(summary(copy)).containsExactly(pong + "/expired/1", ping + "/expired/1");
        observed.assertNoNewDeliveryWithin(QUIET);
        assertThat(channel.messageCount(ping)).isZero();
        assertThat(channel.messageCount(pong)).isZero();
    }
}
