package dev.revenant.conformance;

import static dev.revenant.conformance.AmqpErrors.assertClose;
import static dev.revenant.conformance.AmqpErrors.channelClose;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Exchange declaration, the built-in exchanges, direct/fanout routing, and exchange lifecycles. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class ExchangeIT extends ConformanceBase {

    private String exchange(Channel channel, String type) throws Exception {
        String name = deleteExchangeAfterTest(unique(type));
        channel.exchangeDeclare(name, type, false, false, null);
        return name;
    }

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
    void directExchangeRoutesByExactKeyToEveryBoundQueueOnce() throws Exception {
        Channel channel = openConfirmChannel();
        String exchange = exchange(channel, "direct");
        String first = channel.queueDeclare().getQueue();
        String second = channel.queueDeclare().getQueue();
        channel.queueBind(first, exchange, "red");
        channel.queueBind(first, exchange, "red"); // the same binding twice is one binding
        channel.queueBind(first, exchange, "green");
        channel.queueBind(second, exchange, "red");

        publishConfirmed(channel, exchange, "red", null, "r");
        publishConfirmed(channel, exchange, "green", null, "g");
        publishConfirmed(channel, exchange, "Red", null, "case matters");
        publishConfirmed(channel, exchange, "red.x", null, "no pattern");

        assertThat(Messages.drain(channel, first)).containsExactly("r", "g");
        assertThat(Messages.drain(channel, second)).containsExactly("r");
    }

    @Test
    void fanoutExchangeIgnoresTheRoutingKey() throws Exception {
        Channel channel = openConfirmChannel();
        String exchange = exchange(channel, "fanout");
        String first = channel.queueDeclare().getQueue();
        String second = channel.queueDeclare().getQueue();
        channel.queueBind(first, exchange, "");
        channel.queueBind(second, exchange, "some-key");
        publishConfirmed(channel, exchange, "other-key", null, "everyone");
        assertThat(Messages.drain(channel, first)).containsExactly("everyone");
        assertThat(Messages.drain(channel, second)).containsExactly("everyone");
    }

    @Test
    void passiveDeclareFindsExistingAndRefusesMissing() throws Exception {
        Channel channel = openChannel();
        String exchange = exchange(channel, "direct");
        assertThat(channel.exchangeDeclarePassive(exchange)).isNotNull();
        assertClose(channelClose(() -> openChannel().exchangeDeclarePassive(unique("missing"))),
                AMQP.NOT_FOUND, "NOT_FOUND");
    }

    @Test
    void redeclaringWithIdenticalArgumentsIsANoOp() throws Exception {
        Channel channel = openChannel();
        String exchange = deleteExchangeAfterTest(unique("same"));
        Map<String, Object> arguments = Map.of("alternate-exchange", "amq.fanout");
        channel.exchangeDeclare(exchange, "topic", true, false, false, arguments);
        channel.exchangeDeclare(exchange, "topic", true, false, false, arguments);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void autoDeleteExchangeGoesWithItsLastBinding() throws Exception {
        Channel channel = openChannel();
        String exchange = deleteExchangeAfterTest(unique("auto"));
        channel.exchangeDeclare(exchange, "direct", false, true, null);
        channel.exchangeDeclarePassive(exchange); // never bound: still there
        String first = channel.queueDeclare().getQueue();
        String second = channel.queueDeclare().getQueue();
        channel.queueBind(first, exchange, "a");
        channel.queueBind(second, exchange, "b");
        channel.queueUnbind(first, exchange, "a");
        channel.exchangeDeclarePassive(exchange); // one binding left
        channel.queueDelete(second); // deleting the queue removes the last binding
        assertClose(channelClose(() -> openChannel().exchangeDeclarePassive(exchange)), AMQP.NOT_FOUND, "NOT_FOUND");
    }

    @Test
    void internalExchangeRefusesPublishesButRoutesFromOtherExchanges() throws Exception {
        Channel channel = openConfirmChannel();
        String internal = deleteExchangeAfterTest(unique("internal"));
        channel.exchangeDeclare(internal, "fanout", false, false, true, null);
        String front = exchange(channel, "fanout");
        channel.exchangeBind(internal, front, "");
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, internal, "");

        publishConfirmed(channel, front, "", null, "via binding");
        assertThat(Messages.drain(channel, queue)).containsExactly("via binding");

        Channel publisher = openChannel();
        publisher.basicPublish(internal, "", null, Messages.utf8("direct"));
        assertClose(AmqpErrors.awaitChannelClose(publisher), AMQP.ACCESS_REFUSED, "ACCESS_REFUSED");
    }

    @Test
    void alternateExchangeReceivesUnroutableMessages() throws Exception {
        Channel channel = openConfirmChannel();
        String alternate = exchange(channel, "fanout");
        String exchange = deleteExchangeAfterTest(unique("with-ae"));
        channel.exchangeDeclare(exchange, "direct", false, false, Map.of("alternate-exchange", alternate));
        String routed = channel.queueDeclare().getQueue();
        String unroutable = channel.queueDeclare().getQueue();
        channel.queueBind(routed, exchange, "known");
        channel.queueBind(unroutable, alternate, "");
        CompletableFuture<Integer> returned = new CompletableFuture<>();
        channel.addReturnListener(message -> returned.complete(message.getReplyCode()));

        channel.basicPublish(exchange, "known", true, null, Messages.utf8("normal"));
        channel.basicPublish(exchange, "unknown", true, null, Messages.utf8("rescued"));
        channel.waitForConfirmsOrDie(Messages.TIMEOUT.toMillis());

        assertThat(Messages.drain(channel, routed)).containsExactly("normal");
        assertThat(Messages.drain(channel, unroutable)).containsExactly("rescued");
        assertThat(returned).as("mandatory message routed via the alternate exchange is not returned").isNotDone();
    }

    @Test
    void exchangeToExchangeBindingsRouteAndUnbind() throws Exception {
        Channel channel = openConfirmChannel();
        String source = exchange(channel, "topic");
        String middle = exchange(channel, "direct");
        String last = exchange(channel, "fanout");
        channel.exchangeBind(middle, source, "order.*");
        channel.exchangeBind(last, middle, "order.paid");
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, last, "");

        publishConfirmed(channel, source, "order.paid", null, "paid");
        publishConfirmed(channel, source, "order.created", null, "created");
        assertThat(Messages.drain(channel, queue)).containsExactly("paid");

        channel.exchangeUnbind(middle, source, "order.*");
        publishConfirmed(channel, source, "order.paid", null, "after unbind");
        assertThat(Messages.drain(channel, queue)).isEmpty();
        channel.exchangeUnbind(middle, source, "order.*"); // unbinding a missing binding succeeds
    }

    @Test
    void bindingCyclesDeliverOneCopy() throws Exception {
        Channel channel = openConfirmChannel();
        String a = exchange(channel, "fanout");
        String b = exchange(channel, "fanout");
        channel.exchangeBind(b, a, "");
        channel.exchangeBind(a, b, "");
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, a, "");
        channel.queueBind(queue, b, "");
        publishConfirmed(channel, a, "", null, "once");
        assertThat(Messages.drain(channel, queue)).containsExactly("once");
    }

    @Test
    void deleteIfUnusedRefusesAnExchangeWithBindings() throws Exception {
        Channel channel = openChannel();
        String used = exchange(channel, "direct");
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, used, "k");
        assertClose(channelClose(() -> openChannel().exchangeDelete(used, true)), AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
        channel.exchangeDeclarePassive(used);

        String destinationOnly = exchange(channel, "direct");
        channel.exchangeBind(destinationOnly, used, "k");
        channel.exchangeDelete(destinationOnly, true); // bindings *to* it do not count as use
        String unused = exchange(channel, "direct");
        channel.exchangeDelete(unused, true);
        assertClose(channelClose(() -> openChannel().exchangeDeclarePassive(unused)), AMQP.NOT_FOUND, "NOT_FOUND");
    }

    @Test
    void deletingAnExchangeRemovesItsBindings() throws Exception {
        Channel channel = openConfirmChannel();
        String exchange = exchange(channel, "direct");
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, exchange, "k");
        channel.exchangeDelete(exchange);
        channel.exchangeDeclare(exchange, "direct", false, false, null);
        publishConfirmed(channel, exchange, "k", null, "old binding is gone");
        assertThat(Messages.drain(channel, queue)).isEmpty();
    }

    @Test
    void deletingAMissingExchangeSucceeds() throws Exception {
        Channel channel = openChannel();
        channel.exchangeDelete(unique("never-declared"));
        channel.exchangeDelete(unique("never-declared"), true);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void durableExchangeCanBeDeclared() throws Exception {
        Channel channel = openChannel();
        String exchange = deleteExchangeAfterTest(unique("durable"));
        channel.exchangeDeclare(exchange, "direct", true);
        channel.exchangeDeclare(exchange, "direct", true);
        assertClose(channelClose(() -> openChannel().exchangeDeclare(exchange, "direct", false)),
                AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
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
    void unknownExchangeTypeIsACommandError() throws Exception {
        AMQP.Connection.Close close = AmqpErrors.connectionClose(
                () -> connect().createChannel().exchangeDeclare(unique("odd"), "no-such-type"));
        assertClose(close, AMQP.COMMAND_INVALID, "COMMAND_INVALID");
    }

    @Test
    void amqDefaultIsNotAnExchangeName() throws Exception {
        // management UIs call the default exchange "amq.default"; on the wire it is only ""
        Channel channel = openChannel();
        channel.basicPublish("amq.default", "key", null, new byte[0]);
        assertClose(AmqpErrors.awaitChannelClose(channel), AMQP.NOT_FOUND, "NOT_FOUND");
    }
}
