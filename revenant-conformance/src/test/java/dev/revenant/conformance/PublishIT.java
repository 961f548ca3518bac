package dev.revenant.conformance;

import static dev.revenant.conformance.AmqpErrors.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.Return;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** basic.publish flags (mandatory, immediate) and basic.get with its message count. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class PublishIT extends ConformanceBase {

    @Test
    void mandatoryUnroutableMessageIsReturnedWithNoRoute() throws Exception {
        Channel channel = openConfirmChannel();
        CompletableFuture<Return> returned = new CompletableFuture<>();
        channel.addReturnListener(returned::complete);
        String key = unique("nobody");
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().correlationId("c-1").build();
        channel.basicPublish("amq.direct", key, true, properties, Messages.utf8("come back"));

        Return message = returned.get(10, TimeUnit.SECONDS);
        assertThat(message.getReplyCode()).isEqualTo(AMQP.NO_ROUTE);
        assertThat(message.getReplyText()).isEqualTo("NO_ROUTE");
        assertThat(message.getExchange()).isEqualTo("amq.direct");
        assertThat(message.getRoutingKey()).isEqualTo(key);
        assertThat(message.getProperties().getCorrelationId()).isEqualTo("c-1");
        assertThat(new String(message.getBody(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("come back");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void mandatoryRoutableMessageIsNotReturned() throws Exception {
        Channel channel = openConfirmChannel();
        CompletableFuture<Return> returned = new CompletableFuture<>();
        channel.addReturnListener(returned::complete);
        String queue = channel.queueDeclare().getQueue();
        channel.basicPublish("", queue, true, null, Messages.utf8("stays"));
        channel.waitForConfirmsOrDie(Messages.TIMEOUT.toMillis());
        // a return would have preceded the confirm
        assertThat(returned).isNotDone();
        assertThat(Messages.drain(channel, queue)).containsExactly("stays");
    }

    @Test
    void unroutableMessageWithoutMandatoryIsDroppedSilently() throws Exception {
        Channel channel = openConfirmChannel();
        CompletableFuture<Return> returned = new CompletableFuture<>();
        channel.addReturnListener(returned::complete);
        channel.basicPublish("amq.direct", unique("nobody"), false, null, Messages.utf8("gone"));
        channel.waitForConfirmsOrDie(Messages.TIMEOUT.toMillis());
        assertThat(returned).isNotDone();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void immediateIsNotImplemented() throws Exception {
        Channel channel = openChannel();
        String queue = channel.queueDeclare().getQueue();
        channel.basicPublish("", queue, false, true, null, Messages.utf8("now"));
        AMQP.Connection.Close close = AmqpErrors.awaitConnectionClose(channel.getConnection());
        assertClose(close, AMQP.NOT_IMPLEMENTED, "NOT_IMPLEMENTED");
        assertThat(close.getReplyText()).contains("immediate");
    }

    @Test
    void getReturnsMessagesWithTheCountLeftBehind() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = channel.queueDeclare().getQueue();
        assertThat(channel.basicGet(queue, true)).as("get-empty").isNull();
        for (String body : new String[] {"a", "b", "c"}) {
            publishConfirmed(channel, "", queue, null, body);
        }
        GetResponse first = channel.basicGet(queue, true);
        GetResponse second = channel.basicGet(queue, true);
        GetResponse third = channel.basicGet(queue, true);
        assertThat(Messages.text(first)).isEqualTo("a");
        assertThat(first.getMessageCount()).isEqualTo(2);
        assertThat(second.getMessageCount()).isEqualTo(1);
        assertThat(third.getMessageCount()).isZero();
        assertThat(first.getEnvelope().getExchange()).isEmpty();
        assertThat(first.getEnvelope().getRoutingKey()).isEqualTo(queue);
        assertThat(channel.basicGet(queue, true)).isNull();
    }

    @Test
    void publishingToAMissingExchangeClosesTheChannel() throws Exception {
        Channel channel = openChannel();
        String exchange = unique("missing");
        channel.basicPublish(exchange, "k", null, new byte[0]);
        AMQP.Channel.Close close = AmqpErrors.awaitChannelClose(channel);
        assertClose(close, AMQP.NOT_FOUND, "NOT_FOUND");
        assertThat(close.getReplyText()).contains("'" + exchange + "'");
        assertThat(channel.getConnection().isOpen()).isTrue();
    }

    @Test
    void userIdMustBeTheAuthenticatedUser() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = channel.queueDeclare().getQueue();
        publishConfirmed(channel, "", queue, new AMQP.BasicProperties.Builder().userId("guest").build(), "mine");
        assertThat(Messages.drain(channel, queue)).containsExactly("mine");

        Channel impostor = openChannel();
        impostor.basicPublish("", queue, new AMQP.BasicProperties.Builder().userId("someone-else").build(), new byte[0]);
        AMQP.Channel.Close close = AmqpErrors.awaitChannelClose(impostor);
        assertClose(close, AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
        assertThat(close.getReplyText()).contains("someone-else");
    }
}
