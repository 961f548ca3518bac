package dev.revenant.conformance;

import static dev.revenant.conformance.AmqpErrors.assertClose;
import static dev.revenant.conformance.AmqpErrors.channelClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Queue declaration and lifecycle: naming, flags, counts, bind/unbind, purge and delete. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class QueueIT extends ConformanceBase {

    @Test
    void serverNamedQueuesStartWithAmqGen() throws Exception {
        Channel channel = openChannel();
        AMQP.Queue.DeclareOk first = channel.queueDeclare();
        AMQP.Queue.DeclareOk second = channel.queueDeclare("", false, true, true, null);
        assertThat(first.getQueue()).startsWith("amq.gen-");
        assertThat(second.getQueue()).startsWith("amq.gen-").isNotEqualTo(first.getQueue());
        assertThat(first.getMessageCount()).isZero();
        assertThat(first.getConsumerCount()).isZero();
    }

    @Test
    void declareOkReportsMessageAndConsumerCounts() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = sharedQueue(channel, "counts");
        for (int i = 0; i < 3; i++) {
            publishConfirmed(channel, "", queue, null, "m" + i);
        }
        Channel consumerChannel = openChannel();
        consumerChannel.basicConsume(queue, false, new Deliveries(consumerChannel));
        // the consumer holds the messages unacknowledged: they no longer count as ready
        await().atMost(Messages.TIMEOUT).until(() -> channel.queueDeclarePassive(queue).getMessageCount() == 0);
        AMQP.Queue.DeclareOk passive = channel.queueDeclarePassive(queue);
        assertThat(passive.getConsumerCount()).isEqualTo(1);
        AMQP.Queue.DeclareOk redeclared = channel.queueDeclare(queue, false, false, false, null);
        assertThat(redeclared.getQueue()).isEqualTo(queue);
        assertThat(redeclared.getConsumerCount()).isEqualTo(1);
    }

    @Test
    void declareOkCountsReadyMessages() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = sharedQueue(channel, "ready");
        for (int i = 0; i < 4; i++) {
            publishConfirmed(channel, "", queue, null, "m" + i);
        }
        assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isEqualTo(4);
        assertThat(channel.queueDeclare(queue, false, false, false, null).getMessageCount()).isEqualTo(4);
    }

    @Test
    void passiveDeclareOfAMissingQueueIsNotFound() {
        AMQP.Channel.Close close = channelClose(() -> openChannel().queueDeclarePassive(unique("missing")));
        assertClose(close, AMQP.NOT_FOUND, "NOT_FOUND");
        assertThat(close.getClassId()).isEqualTo(50);
        assertThat(close.getMethodId()).isEqualTo(10);
    }

    @Test
    void exclusiveQueueBelongsToItsConnectionAndDiesWithIt() throws Exception {
        Connection owner = connect();
        String queue = owner.createChannel().queueDeclare(unique("exclusive"), false, true, false, null).getQueue();
        assertClose(channelClose(() -> openChannel().queueDeclarePassive(queue)), AMQP.RESOURCE_LOCKED, "RESOURCE_LOCKED");
        owner.createChannel().queueDeclarePassive(queue);

        owner.close();
        await().atMost(Messages.TIMEOUT).untilAsserted(() ->
                assertClose(channelClose(() -> openChannel().queueDeclarePassive(queue)), AMQP.NOT_FOUND, "NOT_FOUND"));
    }

    @Test
    void autoDeleteQueueGoesWithItsLastConsumer() throws Exception {
        Channel channel = openChannel();
        String queue = deleteAfterTest(unique("auto-delete"));
        channel.queueDeclare(queue, false, false, true, null);
        channel.queueDeclarePassive(queue); // never consumed: still there
        String first = channel.basicConsume(queue, true, new Deliveries(channel));
        String second = channel.basicConsume(queue, true, new Deliveries(channel));
        channel.basicCancel(first);
        assertThat(channel.queueDeclarePassive(queue).getConsumerCount()).isEqualTo(1);
        channel.basicCancel(second);
        await().atMost(Messages.TIMEOUT).untilAsserted(() ->
                assertClose(channelClose(() -> openChannel().queueDeclarePassive(queue)), AMQP.NOT_FOUND, "NOT_FOUND"));
    }

    @Test
    void durableQueueCanBeDeclared() throws Exception {
        Channel channel = openChannel();
        String queue = deleteAfterTest(unique("durable"));
        channel.queueDeclare(queue, true, false, false, null);
        channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().deliveryMode(2).build(), Messages.utf8("kept"));
        assertThat(Messages.text(Messages.awaitGet(channel, queue, true))).isEqualTo("kept");
    }

    @Test
    void bindAndUnbindChangeRouting() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = channel.queueDeclare().getQueue();
        String key = unique("key");
        channel.queueBind(queue, "amq.direct", key);
        publishConfirmed(channel, "amq.direct", key, null, "bound");
        channel.queueUnbind(queue, "amq.direct", key);
        publishConfirmed(channel, "amq.direct", key, null, "unbound");
        assertThat(Messages.drain(channel, queue)).containsExactly("bound");

        channel.queueUnbind(queue, "amq.direct", key); // unbinding a missing binding succeeds
        channel.queueUnbind(unique("missing"), "amq.direct", key); // ...even for a missing queue
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void purgeRemovesReadyMessagesOnly() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = channel.queueDeclare().getQueue();
        for (int i = 0; i < 3; i++) {
            publishConfirmed(channel, "", queue, null, "m" + i);
        }
        Channel holder = openChannel();
        GetResponse unacked = holder.basicGet(queue, false);
        assertThat(unacked).isNotNull();

        assertThat(channel.queuePurge(queue).getMessageCount()).isEqualTo(2);
        assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isZero();

        holder.basicNack(unacked.getEnvelope().getDeliveryTag(), false, true);
        Messages.awaitMessageCount(channel, queue, 1);
        assertThat(channel.queuePurge(queue).getMessageCount()).isEqualTo(1);
    }

    @Test
    void deleteReportsTheMessagesItDropped() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = channel.queueDeclare().getQueue();
        publishConfirmed(channel, "", queue, null, "a");
        publishConfirmed(channel, "", queue, null, "b");
        assertThat(channel.queueDelete(queue).getMessageCount()).isEqualTo(2);
        assertClose(channelClose(() -> openChannel().queueDeclarePassive(queue)), AMQP.NOT_FOUND, "NOT_FOUND");
    }

    @Test
    void deleteIfUnusedRefusesAQueueWithConsumers() throws Exception {
        Channel channel = openChannel();
        String queue = exclusiveQueue(channel);
        String tag = channel.basicConsume(queue, true, new Deliveries(channel));
        assertClose(channelClose(() -> openChannel().queueDelete(queue, true, false)), AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
        channel.basicCancel(tag);
        channel.queueDelete(queue, true, false);
        assertClose(channelClose(() -> openChannel().queueDeclarePassive(queue)), AMQP.NOT_FOUND, "NOT_FOUND");
    }

    @Test
    void deleteIfEmptyRefusesAQueueWithMessages() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = channel.queueDeclare().getQueue();
        publishConfirmed(channel, "", queue, null, "m");
        assertClose(channelClose(() -> openChannel().queueDelete(queue, false, true)), AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
        channel.queuePurge(queue);
        channel.queueDelete(queue, false, true);
    }

    @Test
    void deletingAMissingQueueSucceeds() throws Exception {
        Channel channel = openChannel();
        assertThat(channel.queueDelete(unique("never-declared")).getMessageCount()).isZero();
        channel.queueDelete(unique("never-declared"), true, true);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void reservedQueueNamesAreRefused() {
        assertClose(channelClose(() -> openChannel().queueDeclare("amq." + unique("mine"), false, false, true, null)),
                AMQP.ACCESS_REFUSED, "ACCESS_REFUSED");
        // a passive declare only looks the name up
        assertClose(channelClose(() -> openChannel().queueDeclarePassive("amq." + unique("missing"))),
                AMQP.NOT_FOUND, "NOT_FOUND");
    }

    @Test
    void unusedQueueExpiresAfterXExpires() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = deleteAfterTest(unique("expires"));
        channel.queueDeclare(queue, false, false, false, java.util.Map.of("x-expires", 300));
        AtomicBoolean returned = new AtomicBoolean();
        channel.addReturnListener(message -> returned.set(true));
        // passive declares would count as use and restart the timer: probe with mandatory publishes
        await().atMost(Messages.TIMEOUT).pollInterval(java.time.Duration.ofMillis(100)).until(() -> {
            channel.basicPublish("", queue, true, null, new byte[0]);
            channel.waitForConfirmsOrDie(Messages.TIMEOUT.toMillis());
            return returned.get();
        });
    }
}
