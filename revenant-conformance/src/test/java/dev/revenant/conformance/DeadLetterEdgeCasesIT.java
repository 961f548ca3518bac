package dev.revenant.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where a dead-lettered message can go wrong: a dead-letter exchange that does not exist (yet) or
 * routes nowhere drops the message without any error to the client; the exchange is looked up at
 * dead-lettering time; routing goes on through exchange bindings and alternate exchanges; a full
 * dead-letter queue refuses the copy; purge and delete are not deaths.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class DeadLetterEdgeCasesIT extends DeadLetterBase {
    private static final Duration QUIET = Duration.ofMillis(300);

    private void rejectOne(Channel channel, String queue) throws Exception {
        GetResponse got = Messages.awaitGet(channel, queue, false);
        channel.basicReject(got.getEnvelope().getDeliveryTag(), false);
    }

    @Test
    void missingDeadLetterExchangeDropsARejectedMessageWithoutAnyError() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = queue(channel, "work", args("x-dead-letter-exchange", unique("no-such-exchange")));
        publishConfirmed(channel, "", queue, null, "m");
        rejectOne(channel, queue);

        Messages.awaitMessageCount(channel, queue, 0);
        assertThat(channel.basicGet(queue, true)).isNull();
        // the channel and the connection are untouched
        publishConfirmed(channel, "", queue, null, "still-fine");
        assertThat(Messages.text(Messages.awaitGet(channel, queue, true))).isEqualTo("still-fine");
    }

    @Test
    void missingDeadLetterExchangeDropsExpiredAndOverflowingMessages() throws Exception {
        Channel channel = openConfirmChannel();
        String missing = unique("no-such-exchange");
        String expiring = queue(channel, "ttl", args("x-message-ttl", 50, "x-dead-letter-exchange", missing));
        String limited = queue(channel, "limited", args("x-max-length", 1, "x-dead-letter-exchange", missing));
        publishConfirmed(channel, "", expiring, null, "expires");
        publishConfirmed(channel, "", limited, null, "dropped");
        publishConfirmed(channel, "", limited, null, "kept");

        Messages.awaitMessageCount(channel, expiring, 0);
        assertThat(Messages.drain(channel, limited)).containsExactly("kept");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void deadLetterExchangeThatRoutesNowhereDropsTheMessage() throws Exception {
        Channel channel = openConfirmChannel();
        String dlx = exchange(channel, "direct");
        String queue = queue(channel, "work", args("x-dead-letter-exchange", dlx));
        publishConfirmed(channel, "", queue, null, "m");
        rejectOne(channel, queue);
        Messages.awaitMessageCount(channel, queue, 0);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void deadLetterExchangeIsLookedUpWhenTheMessageDies() throws Exception {
        Channel channel = openConfirmChannel();
        String dlx = unique("late-dlx");
        String queue = queue(channel, "work", args("x-dead-letter-exchange", dlx));
        publishConfirmed(channel, "", queue, null, "late");

        channel.exchangeDeclare(deleteExchangeAfterTest(dlx), "fanout", false, false, null);
        String dlq = queue(channel, "dlq", null);
        channel.queueBind(dlq, dlx, "");
        rejectOne(channel, queue);

        Delivery dead = consume(dlq).next();
        assertThat(Deliveries.text(dead)).isEqualTo("late");
        assertThat(dead.getEnvelope().getExchange()).isEqualTo(dlx);
    }

    @Test
    void deadLetteredCopyIsRoutedThroughExchangeToExchangeBindings() throws Exception {
        Channel channel = openConfirmChannel();
        String dlx = exchange(channel, "topic");
        String inner = exchange(channel, "direct");
        channel.exchangeBind(inner, dlx, "orders.#");
        String dlq = queue(channel, "dlq", null);
        channel.queueBind(dlq, inner, "orders.failed");
        String queue = queue(channel, "work", args("x-dead-letter-exchange", dlx, "x-dead-letter-routing-key", "orders.failed"));
        publishConfirmed(channel, "", queue, null, "e2e");
        rejectOne(channel, queue);

        Delivery dead = consume(dlq).next();
        assertThat(Deliveries.text(dead)).isEqualTo("e2e");
        assertThat(dead.getEnvelope().getExchange()).isEqualTo(dlx);
        assertThat(dead.getEnvelope().getRoutingKey()).isEqualTo("orders.failed");
    }

    @Test
    void deadLetteredCopyFallsBackToTheAlternateExchange() throws Exception {
        Channel channel = openConfirmChannel();
        String alternate = exchange(channel, "fanout");
        String dlx = unique("dlx-with-ae");
        channel.exchangeDeclare(deleteExchangeAfterTest(dlx), "direct", false, false, Map.of("alternate-exchange", alternate));
        String unrouted = queue(channel, "unrouted", null);
        channel.queueBind(unrouted, alternate, "");
        String queue = queue(channel, "work", args("x-dead-letter-exchange", dlx));
        publishConfirmed(channel, "", queue, null, "via-ae");
        rejectOne(channel, queue);

        Delivery dead = consume(unrouted).next();
        assertThat(Deliveries.text(dead)).isEqualTo("via-ae");
        assertThat(text(onlyDeath(dead).get("reason"))).isEqualTo("rejected");
    }

    @Test
    void fullDeadLetterQueueWithRejectPublishRefusesTheCopy() throws Exception {
        Channel channel = openConfirmChannel();
        String dlq = queue(channel, "dlq-full", args("x-max-length", 1, "x-overflow", "reject-publish"));
        String queue = queue(channel, "work", args("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        publishConfirmed(channel, "", queue, null, "first");
        publishConfirmed(channel, "", queue, null, "second");
        rejectOne(channel, queue);
        Messages.awaitMessageCount(channel, dlq, 1);
        rejectOne(channel, queue);

        Messages.awaitMessageCount(channel, queue, 0);
        assertThat(Messages.drain(channel, dlq)).containsExactly("first");
    }

    @Test
    void purgeAndDeleteDoNotDeadLetter() throws Exception {
        Channel channel = openConfirmChannel();
        String dlq = queue(channel, "dlq", null);
        Deliveries dead = consume(dlq);
        String queue = queue(channel, "work", args("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        publishConfirmed(channel, "", queue, null, "purged");
        assertThat(channel.queuePurge(queue).getMessageCount()).isEqualTo(1);
        publishConfirmed(channel, "", queue, null, "deleted");
        assertThat(channel.queueDelete(queue).getMessageCount()).isEqualTo(1);
        dead.assertNoNewDeliveryWithin(QUIET);
    }
}
