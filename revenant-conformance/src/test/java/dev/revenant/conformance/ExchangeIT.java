package dev.revenant.conformance;

import static dev.revenant.conformance.AmqpErrors.assertClose;
import static dev.revenant.conformance.AmqpErrors.channelClose;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Exchange declaration and lifecycle, direct and fanout routing, alternate exchanges, exchange-to-exchange bindings. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class ExchangeIT extends ConformanceBase {

    private String exchange(Channel channel, String type) throws Exception {
        String name = deleteExchangeAfterTest(unique(type));
        channel.exchangeDeclare(name, type, false, false, null);
        return name;
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
    void unknownExchangeTypeIsACommandError() throws Exception {
        AMQP.Connection.Close close = AmqpErrors.connectionClose(
                () -> connect().createChannel().exchangeDeclare(unique("odd"), "no-such-type"));
        assertClose(close, AMQP.COMMAND_INVALID, "COMMAND_INVALID");
    }
}
