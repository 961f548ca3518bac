package dev.revenant.conformance;

import static dev.revenant.conformance.AmqpErrors.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Channel errors as RabbitMQ raises them (406, 404, 405, 403): each closes only the offending
 * channel; the connection's other channels, other connections and new connections carry on.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class ErrorsIT extends ConformanceBase {
    private Bystander bystander;
    private Connection connection;
    private Channel sibling;

    @BeforeEach
    void connectAll() throws Exception {
        bystander = Bystander.connect(target);
        connection = connect();
        sibling = connection.createChannel();
    }

    @AfterEach
    void closeBystander() {
        bystander.close();
    }

    /** Something done on a fresh channel of the test connection that the broker must refuse. */
    @FunctionalInterface
    private interface Offence {
        void commit(Channel channel) throws Exception;
    }

    /**
     * Commits the offence, then a synchronous call on the same channel (so an error caused by an
     * asynchronous method surfaces too); returns the channel.close and checks the survivors.
     */
    private AMQP.Channel.Close refused(Offence offence) throws Exception {
        Channel channel = connection.createChannel();
        AMQP.Channel.Close close = AmqpErrors.channelClose(() -> {
            offence.commit(channel);
            channel.basicQos(0);
        });
        assertThat(connection.isOpen()).as("a channel error keeps the connection open").isTrue();
        String queue = sibling.queueDeclare().getQueue();
        sibling.basicPublish("", queue, null, Messages.utf8("sibling"));
        assertThat(Messages.text(Messages.awaitGet(sibling, queue, true))).isEqualTo("sibling");
        bystander.assertStillServed();
        return close;
    }

    @Test
    void inequivalentQueueRedeclareIsPreconditionFailed() throws Exception {
        String queue = sharedQueue(sibling, "inequivalent");
        Map<String, Offence> offences = new LinkedHashMap<>();
        offences.put("durable", channel -> channel.queueDeclare(queue, true, false, false, null));
        offences.put("auto_delete", channel -> channel.queueDeclare(queue, false, false, true, null));
        offences.put("x-message-ttl", channel -> channel.queueDeclare(queue, false, false, false, Map.of("x-message-ttl", 1000)));
        for (Map.Entry<String, Offence> offence : offences.entrySet()) {
            AMQP.Channel.Close close = refused(offence.getValue());
            assertClose(close, AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
            assertThat(close.getReplyText()).contains("inequivalent arg '" + offence.getKey() + "'", "'" + queue + "'");
        }
        // redeclaring a shared queue as exclusive is a lock conflict, not an inequivalence
        assertClose(refused(channel -> channel.queueDeclare(queue, false, true, false, null)), AMQP.RESOURCE_LOCKED, "RESOURCE_LOCKED");
    }

    @Test
    void inequivalentExchangeRedeclareIsPreconditionFailed() throws Exception {
        String exchange = deleteExchangeAfterTest(unique("inequivalent"));
        sibling.exchangeDeclare(exchange, "direct", false, false, null);
        Map<String, Offence> offences = new LinkedHashMap<>();
        offences.put("type", channel -> channel.exchangeDeclare(exchange, "fanout", false, false, null));
        offences.put("durable", channel -> channel.exchangeDeclare(exchange, "direct", true, false, null));
        offences.put("auto_delete", channel -> channel.exchangeDeclare(exchange, "direct", false, true, null));
        offences.put("internal", channel -> channel.exchangeDeclare(exchange, "direct", false, false, true, null));
        offences.put("alternate-exchange", channel -> channel.exchangeDeclare(exchange, "direct", false, false,
                Map.of("alternate-exchange", "amq.fanout")));
        for (Map.Entry<String, Offence> offence : offences.entrySet()) {
            AMQP.Channel.Close close = refused(offence.getValue());
            assertClose(close, AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
            assertThat(close.getReplyText()).contains("inequivalent arg '" + offence.getKey() + "'", "'" + exchange + "'");
        }
    }

    @Test
    void missingQueuesAndExchangesAreNotFound() throws Exception {
        String queue = sibling.queueDeclare().getQueue();
        String missing = unique("missing");
        Map<String, Offence> offences = new LinkedHashMap<>();
        offences.put("passive queue", channel -> channel.queueDeclarePassive(missing));
        offences.put("passive exchange", channel -> channel.exchangeDeclarePassive(missing));
        offences.put("publish", channel -> channel.basicPublish(missing, "k", null, new byte[0]));
        offences.put("bind missing queue", channel -> channel.queueBind(missing, "amq.direct", "k"));
        offences.put("bind missing exchange", channel -> channel.queueBind(queue, missing, "k"));
        offences.put("bind missing destination exchange", channel -> channel.exchangeBind(missing, "amq.direct", "k"));
        offences.put("bind missing source exchange", channel -> channel.exchangeBind("amq.direct", missing, "k"));
        offences.put("consume", channel -> channel.basicConsume(missing, true, new Deliveries(channel)));
        offences.put("get", channel -> channel.basicGet(missing, true));
        offences.put("purge", channel -> channel.queuePurge(missing));
        for (Map.Entry<String, Offence> offence : offences.entrySet()) {
            AMQP.Channel.Close close = refused(offence.getValue());
            assertThat(close.getReplyCode()).as(offence.getKey()).isEqualTo(AMQP.NOT_FOUND);
            assertThat(close.getReplyText()).as(offence.getKey()).startsWith("NOT_FOUND - ").contains("'" + missing + "'");
        }
    }

    @Test
    void anotherConnectionsExclusiveQueueIsLocked() throws Exception {
        Connection owner = connect();
        String queue = owner.createChannel().queueDeclare(unique("exclusive"), false, true, false, null).getQueue();
        Map<String, Offence> offences = new LinkedHashMap<>();
        offences.put("passive declare", channel -> channel.queueDeclarePassive(queue));
        offences.put("declare", channel -> channel.queueDeclare(queue, false, true, false, null));
        offences.put("consume", channel -> channel.basicConsume(queue, true, new Deliveries(channel)));
        offences.put("get", channel -> channel.basicGet(queue, true));
        offences.put("bind", channel -> channel.queueBind(queue, "amq.direct", "k"));
        offences.put("purge", channel -> channel.queuePurge(queue));
        offences.put("delete", channel -> channel.queueDelete(queue));
        for (Map.Entry<String, Offence> offence : offences.entrySet()) {
            AMQP.Channel.Close close = refused(offence.getValue());
            assertThat(close.getReplyCode()).as(offence.getKey()).isEqualTo(AMQP.RESOURCE_LOCKED);
            assertThat(close.getReplyText()).as(offence.getKey()).startsWith("RESOURCE_LOCKED - ").contains("'" + queue + "'");
        }
        // publishing is not an access to the queue: anyone may send to it
        sibling.basicPublish("", queue, null, Messages.utf8("for the owner"));
        assertThat(Messages.text(Messages.awaitGet(owner.createChannel(), queue, true))).isEqualTo("for the owner");
    }

    @Test
    void reservedNamesAreAccessRefused() throws Exception {
        assertClose(refused(channel -> channel.queueDeclare("amq." + unique("q"), false, false, true, null)),
                AMQP.ACCESS_REFUSED, "ACCESS_REFUSED");
        assertClose(refused(channel -> channel.exchangeDeclare("amq." + unique("x"), "direct")),
                AMQP.ACCESS_REFUSED, "ACCESS_REFUSED");
    }

    @Test
    void unknownDeliveryTagIsPreconditionFailed() throws Exception {
        AMQP.Channel.Close close = refused(channel -> channel.basicAck(99, false));
        assertClose(close, AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
        assertThat(close.getReplyText()).contains("unknown delivery tag 99");
    }

    @Test
    void theClosedChannelCanBeReopened() throws Exception {
        Channel channel = connection.createChannel();
        int number = channel.getChannelNumber();
        AmqpErrors.channelClose(() -> channel.queueDeclarePassive(unique("missing")));
        Channel reopened = connection.createChannel(number);
        assertThat(reopened).isNotNull();
        assertThat(reopened.queueDeclare().getQueue()).startsWith("amq.gen-");
    }

    @Test
    void aConnectionErrorClosesEveryChannelOfThatConnectionOnly() throws Exception {
        Channel offender = connection.createChannel();
        AMQP.Connection.Close close = AmqpErrors.connectionClose(() -> offender.exchangeDeclare(unique("x"), "no-such-type"));
        assertClose(close, AMQP.COMMAND_INVALID, "COMMAND_INVALID");
        await().atMost(Messages.TIMEOUT).until(() -> !sibling.isOpen() && !connection.isOpen());
        bystander.assertStillServed();
    }
}
