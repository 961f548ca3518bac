package dev.revenant.conformance;

import static dev.revenant.conformance.AmqpErrors.assertClose;
import static dev.revenant.conformance.AmqpErrors.channelClose;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exchanges every vhost has: the nameless default exchange (routes by queue name, cannot be
 * touched), the amq.* exchanges of each type, and the amq. prefix reserved for them.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class BuiltInExchangesIT extends ConformanceBase {

    @Test
    void defaultExchangeRoutesByQueueName() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = channel.queueDeclare().getQueue();
        publishConfirmed(channel, "", queue, null, "to the queue");
        publishConfirmed(channel, "", queue + "-other", null, "to nobody");
        assertThat(Messages.drain(channel, queue)).containsExactly("to the queue");
    }

    @Test
    void defaultExchangeCannotBeDeclaredBoundOrDeleted() throws Exception {
        String queue = openChannel().queueDeclare().getQueue();
        for (AmqpErrors.BrokerCall call : List.<AmqpErrors.BrokerCall>of(
                () -> openChannel().exchangeDeclare("", "direct"),
                () -> openChannel().queueBind(queue, "", "key"),
                () -> openChannel().exchangeDelete(""),
                () -> openChannel().exchangeBind("amq.fanout", "", "key"))) {
            assertClose(channelClose(call), AMQP.ACCESS_REFUSED, "ACCESS_REFUSED");
        }
    }

    @Test
    void builtInExchangesExistWithTheirTypes() throws Exception {
        Channel channel = openChannel();
        Map<String, String> builtIn = Map.of("amq.direct", "direct", "amq.fanout", "fanout", "amq.topic", "topic",
                "amq.headers", "headers", "amq.match", "headers");
        for (Map.Entry<String, String> exchange : builtIn.entrySet()) {
            channel.exchangeDeclarePassive(exchange.getKey());
            // redeclaring with the same type and durability is a no-op; any other type is refused
            channel.exchangeDeclare(exchange.getKey(), exchange.getValue(), true);
        }
        assertClose(channelClose(() -> openChannel().exchangeDeclare("amq.direct", "fanout", true)),
                AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
    }

    @Test
    void builtInExchangesRoute() throws Exception {
        Channel channel = openConfirmChannel();
        String direct = channel.queueDeclare().getQueue();
        String fanout = channel.queueDeclare().getQueue();
        String topic = channel.queueDeclare().getQueue();
        String headers = channel.queueDeclare().getQueue();
        String match = channel.queueDeclare().getQueue();
        String key = unique("key");
        channel.queueBind(direct, "amq.direct", key);
        channel.queueBind(fanout, "amq.fanout", "ignored");
        channel.queueBind(topic, "amq.topic", key + ".*");
        channel.queueBind(headers, "amq.headers", "", Map.of("conformance", key));
        channel.queueBind(match, "amq.match", "", Map.of("conformance", key));
        AMQP.BasicProperties withHeader = new AMQP.BasicProperties.Builder().headers(Map.of("conformance", key)).build();

        publishConfirmed(channel, "amq.direct", key, null, "direct");
        publishConfirmed(channel, "amq.fanout", "anything", null, "fanout");
        publishConfirmed(channel, "amq.topic", key + ".word", null, "topic");
        publishConfirmed(channel, "amq.headers", "", withHeader, "headers");
        publishConfirmed(channel, "amq.match", "", withHeader, "match");

        assertThat(Messages.drain(channel, direct)).containsExactly("direct");
        assertThat(Messages.drain(channel, fanout)).contains("fanout");
        assertThat(Messages.drain(channel, topic)).containsExactly("topic");
        assertThat(Messages.drain(channel, headers)).containsExactly("headers");
        assertThat(Messages.drain(channel, match)).containsExactly("match");
    }

    @Test
    void reservedExchangeNamesAreRefused() throws Exception {
        assertClose(channelClose(() -> openChannel().exchangeDeclare("amq." + unique("mine"), "direct")),
                AMQP.ACCESS_REFUSED, "ACCESS_REFUSED");
        assertClose(channelClose(() -> openChannel().exchangeDelete("amq.direct")), AMQP.ACCESS_REFUSED, "ACCESS_REFUSED");
        // even a missing amq.* exchange cannot be "deleted": the name is refused before the lookup
        assertClose(channelClose(() -> openChannel().exchangeDelete("amq." + unique("missing"))),
                AMQP.ACCESS_REFUSED, "ACCESS_REFUSED");
    }

    @Test
    void amqDefaultIsNotAnExchangeName() throws Exception {
        // management UIs call the default exchange "amq.default"; on the wire it is only ""
        Channel channel = openChannel();
        channel.basicPublish("amq.default", "key", null, new byte[0]);
        assertClose(AmqpErrors.awaitChannelClose(channel), AMQP.NOT_FOUND, "NOT_FOUND");
    }
}
