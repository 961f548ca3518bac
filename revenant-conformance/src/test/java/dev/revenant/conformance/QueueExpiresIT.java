package dev.revenant.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.AMQP;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code x-expires}: a queue unused for that long (no consumer, no basic.get, no redeclare) is
 * deleted, messages and all, without dead-lettering them. Whether the queue still exists is
 * probed with mandatory publishes, which do not count as use (a passive declare would).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class QueueExpiresIT extends DeadLetterBase {
    private static final long SLACK_MILLIS = 20;

    /** Publishes mandatory messages to a queue by name and reports whether one came back unroutable. */
    private final class Probe {
        private final Channel channel;
        private final String queue;
        private final AtomicBoolean returned = new AtomicBoolean();

        Probe(String queue) throws Exception {
            this.queue = queue;
            this.channel = openConfirmChannel();
            channel.addReturnListener(r -> returned.set(true));
        }

        /** True once the queue is gone; basic.return comes before the confirm, so one round trip tells. */
        boolean queueGone() throws Exception {
            channel.basicPublish("", queue, true, null, Messages.utf8("probe"));
            channel.waitForConfirmsOrDie(Messages.TIMEOUT.toMillis());
            return returned.get();
        }

        /** Waits for the deletion; returns when it was first seen, as a {@link System#nanoTime()}. */
        long awaitGone() {
            await().atMost(Messages.TIMEOUT).pollInterval(Duration.ofMillis(20)).until(this::queueGone);
            return System.nanoTime();
        }
    }

    private static long millisBetween(long fromNanos, long toNanos) {
        return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
    }

    private String declareExpiring(Channel channel, int expiresMillis, Map<String, Object> extra) throws IOException {
        String queue = unique("expiring");
        Map<String, Object> arguments = args("x-expires", expiresMillis);
        arguments.putAll(extra);
        channel.queueDeclare(queue, false, false, false, arguments);
        return queue;
    }

    @Test
    void idleQueueIsDeletedOnceItsExpiryHasPassed() throws Exception {
        Channel channel = openChannel();
        long start = System.nanoTime();
        String queue = declareExpiring(channel, 300, Map.of());
        Probe probe = new Probe(queue);
        assertThat(probe.queueGone()).isFalse();

        long gone = probe.awaitGone();
        assertThat(millisBetween(start, gone)).isGreaterThanOrEqualTo(300 - SLACK_MILLIS);
        // the messages published meanwhile did not keep it alive, and it is really gone
        AmqpErrors.assertClose(AmqpErrors.channelClose(() -> openChannel().queueDeclarePassive(queue)),
                AMQP.NOT_FOUND, "NOT_FOUND");
    }

    @Test
    void aConsumerKeepsTheQueueAliveUntilItLeaves() throws Exception {
        Channel channel = openChannel();
        String queue = declareExpiring(channel, 200, Map.of());
        Channel consumerChannel = openChannel();
        String tag = consumerChannel.basicConsume(queue, true, (consumerTag, message) -> { }, consumerTag -> { });
        Probe probe = new Probe(queue);

        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> !probe.queueGone());
        long cancelled = System.nanoTime();
        consumerChannel.basicCancel(tag);

        assertThat(millisBetween(cancelled, probe.awaitGone())).isGreaterThanOrEqualTo(200 - SLACK_MILLIS);
    }

    @Test
    void redeclaringRenewsTheLease() throws Exception {
        Channel channel = openChannel();
        long start = System.nanoTime();
        String queue = declareExpiring(channel, 500, Map.of());
        Probe probe = new Probe(queue);
        await().atMost(Messages.TIMEOUT).until(() -> millisBetween(start, System.nanoTime()) >= 150);
        long redeclared = System.nanoTime();
        channel.queueDeclare(queue, false, false, false, args("x-expires", 500));

        // without the renewal it would go at start + 500, at most redeclared + 350
        assertThat(millisBetween(redeclared, probe.awaitGone())).isGreaterThanOrEqualTo(500 - SLACK_MILLIS);
    }

    @Test
    void basicGetRenewsTheLease() throws Exception {
        Channel channel = openChannel();
        long start = System.nanoTime();
        String queue = declareExpiring(channel, 500, Map.of());
        Probe probe = new Probe(queue);
        await().atMost(Messages.TIMEOUT).until(() -> millisBetween(start, System.nanoTime()) >= 150);
        long got = System.nanoTime();
        channel.basicGet(queue, true);

        assertThat(millisBetween(got, probe.awaitGone())).isGreaterThanOrEqualTo(500 - SLACK_MILLIS);
    }

    @Test
    void expiredQueueTakesItsMessagesWithoutDeadLetteringThem() throws Exception {
        Channel channel = openConfirmChannel();
        String dlq = queue(channel, "dlq", null);
        Deliveries dead = consume(dlq);
        String queue = declareExpiring(channel, 200,
                args("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq));
        publishConfirmed(channel, "", queue, null, "m1");
        publishConfirmed(channel, "", queue, null, "m2");

        new Probe(queue).awaitGone();
        dead.assertNoNewDeliveryWithin(Duration.ofMillis(300));
    }
}
