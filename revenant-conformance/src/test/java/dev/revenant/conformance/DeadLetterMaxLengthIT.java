package dev.revenant.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reason {@code maxlen}: {@code x-max-length} and {@code x-max-length-bytes} count ready messages;
 * {@code drop-head} (the default) dead-letters the oldest, {@code reject-publish} refuses the new
 * one with basic.nack, {@code reject-publish-dlx} refuses and dead-letters it.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class DeadLetterMaxLengthIT extends DeadLetterBase {
    private static final Duration QUIET = Duration.ofMillis(300);

    private record Pair(String queue, String deadLetterQueue) { }

    private Pair pair(Channel channel, Map<String, Object> queueArgs) throws Exception {
        String dlq = queue(channel, "dlq", null);
        Map<String, Object> all = args("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq);
        all.putAll(queueArgs);
        return new Pair(queue(channel, "limited", all), dlq);
    }

    /** Publishes one message and says whether the broker confirmed (true) or refused (false) it. */
    private static boolean publishAndConfirm(Channel channel, String queue, String body) throws Exception {
        channel.basicPublish("", queue, null, Messages.utf8(body));
        return channel.waitForConfirms(Messages.TIMEOUT.toMillis());
    }

    @Test
    void dropHeadByCountDeadLettersTheOldestMessages() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, args("x-max-length", 2));
        for (String body : List.of("m1", "m2", "m3", "m4", "m5")) {
            assertThat(publishAndConfirm(channel, p.queue(), body)).as("confirm of %s", body).isTrue();
        }

        Deliveries dlq = consume(p.deadLetterQueue());
        List<Delivery> dead = dlq.next(3);
        assertThat(dead).extracting(Deliveries::text).containsExactly("m1", "m2", "m3");
        Map<String, Object> death = onlyDeath(dead.get(0));
        assertThat(text(death.get("reason"))).isEqualTo("maxlen");
        assertThat(text(death.get("queue"))).isEqualTo(p.queue());
        assertThat(text(death.get("exchange"))).isEmpty();
        assertThat(routingKeys(death)).containsExactly(p.queue());
        assertThat(text(headersOf(dead.get(0)).get("x-first-death-reason"))).isEqualTo("maxlen");
        assertThat(Messages.drain(channel, p.queue())).containsExactly("m4", "m5");
    }

    @Test
    void dropHeadByBytesDeadLettersUntilTheBodiesFit() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, args("x-max-length-bytes", 10));
        for (String body : List.of("aaaa", "bbbb", "cccc", "dddd")) {
            assertThat(publishAndConfirm(channel, p.queue(), body)).isTrue();
        }

        Deliveries dlq = consume(p.deadLetterQueue());
        List<Delivery> dead = dlq.next(2);
        assertThat(dead).extracting(Deliveries::text).containsExactly("aaaa", "bbbb");
        assertThat(text(onlyDeath(dead.get(1)).get("reason"))).isEqualTo("maxlen");
        assertThat(Messages.drain(channel, p.queue())).containsExactly("cccc", "dddd");
    }

    @Test
    void dropHeadWithoutDeadLetterExchangeSimplyDiscards() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = queue(channel, "limited", args("x-max-length", 1));
        for (String body : List.of("m1", "m2", "m3")) {
            assertThat(publishAndConfirm(channel, queue, body)).isTrue();
        }
        assertThat(Messages.drain(channel, queue)).containsExactly("m3");
    }

    @Test
    void maxLengthZeroDeadLettersEveryMessageWithoutAConsumer() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, args("x-max-length", 0));
        assertThat(publishAndConfirm(channel, p.queue(), "m1")).isTrue();
        Delivery dead = consume(p.deadLetterQueue()).next();
        assertThat(Deliveries.text(dead)).isEqualTo("m1");
        assertThat(text(onlyDeath(dead).get("reason"))).isEqualTo("maxlen");
        assertThat(channel.basicGet(p.queue(), true)).isNull();
    }

    @Test
    void rejectPublishNacksTheNewMessageAndDeadLettersNothing() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, args("x-max-length", 2, "x-overflow", "reject-publish"));
        Deliveries dlq = consume(p.deadLetterQueue());
        assertThat(publishAndConfirm(channel, p.queue(), "m1")).isTrue();
        assertThat(publishAndConfirm(channel, p.queue(), "m2")).isTrue();
        assertThat(publishAndConfirm(channel, p.queue(), "m3")).as("confirm of the message past the limit").isFalse();

        dlq.assertNoNewDeliveryWithin(QUIET);
        assertThat(Messages.drain(channel, p.queue())).containsExactly("m1", "m2");
        // room again: accepted
        assertThat(publishAndConfirm(channel, p.queue(), "m4")).isTrue();
    }

    @Test
    void rejectPublishByBytesNacksTheMessageThatWouldNotFit() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = queue(channel, "limited", args("x-max-length-bytes", 8, "x-overflow", "reject-publish"));
        assertThat(publishAndConfirm(channel, queue, "aaaa")).isTrue();
        assertThat(publishAndConfirm(channel, queue, "bbbb")).isTrue();
        assertThat(publishAndConfirm(channel, queue, "cccc")).isFalse();
        assertThat(Messages.drain(channel, queue)).containsExactly("aaaa", "bbbb");
    }

    @Test
    void rejectPublishDlxNacksAndDeadLettersTheNewMessage() throws Exception {
        Channel channel = openConfirmChannel();
        Pair p = pair(channel, args("x-max-length", 2, "x-overflow", "reject-publish-dlx"));
        assertThat(publishAndConfirm(channel, p.queue(), "m1")).isTrue();
        assertThat(publishAndConfirm(channel, p.queue(), "m2")).isTrue();
        assertThat(publishAndConfirm(channel, p.queue(), "m3")).isFalse();

        Delivery dead = consume(p.deadLetterQueue()).next();
        assertThat(Deliveries.text(dead)).isEqualTo("m3");
        Map<String, Object> death = onlyDeath(dead);
        assertThat(text(death.get("reason"))).isEqualTo("maxlen");
        assertThat(text(death.get("queue"))).isEqualTo(p.queue());
        assertThat(routingKeys(death)).containsExactly(p.queue());
        assertThat(Messages.drain(channel, p.queue())).containsExactly("m1", "m2");
    }

    @Test
    void onlyReadyMessagesCountTowardsTheLimit() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = queue(channel, "limited", args("x-max-length", 1, "x-overflow", "reject-publish"));
        assertThat(publishAndConfirm(channel, queue, "m1")).isTrue();
        Deliveries consumer = consume(queue);
        assertThat(Deliveries.text(consumer.next())).isEqualTo("m1");
        consumer.getChannel().basicCancel(consumer.consumeOk.get(10, TimeUnit.SECONDS));

        // m1 is delivered but unsettled: the queue has room for one ready message
        assertThat(publishAndConfirm(channel, queue, "m2")).isTrue();
        assertThat(publishAndConfirm(channel, queue, "m3")).isFalse();
    }
}
