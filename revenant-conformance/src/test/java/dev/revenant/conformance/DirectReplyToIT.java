package dev.revenant.conformance;

import static dev.revenant.conformance.AmqpErrors.assertClose;
import static dev.revenant.conformance.AmqpErrors.channelClose;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Direct reply-to: a no-ack consumer on amq.rabbitmq.reply-to receives replies published to the
 * address the broker substitutes into the request's reply-to, without any reply queue.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class DirectReplyToIT extends ConformanceBase {
    private static final String REPLY_TO = "amq.rabbitmq.reply-to";

    @Test
    void rpcReplyReachesTheRequester() throws Exception {
        Channel serverChannel = openChannel();
        String requests = serverChannel.queueDeclare().getQueue();
        Deliveries server = new Deliveries(serverChannel);
        serverChannel.basicConsume(requests, true, server);

        Channel client = connect().createChannel();
        Deliveries replies = new Deliveries(client);
        client.basicConsume(REPLY_TO, true, replies);
        AMQP.BasicProperties request = new AMQP.BasicProperties.Builder().replyTo(REPLY_TO).correlationId("rpc-1").build();
        client.basicPublish("", requests, request, Messages.utf8("ping"));

        Delivery received = server.next();
        String replyAddress = received.getProperties().getReplyTo();
        assertThat(replyAddress).startsWith(REPLY_TO + ".");
        AMQP.BasicProperties reply = new AMQP.BasicProperties.Builder()
                .correlationId(received.getProperties().getCorrelationId()).build();
        serverChannel.basicPublish("", replyAddress, reply, Messages.utf8("pong"));

        Delivery answer = replies.next();
        assertThat(Deliveries.text(answer)).isEqualTo("pong");
        assertThat(answer.getProperties().getCorrelationId()).isEqualTo("rpc-1");
        assertThat(answer.getEnvelope().getRoutingKey()).isEqualTo(replyAddress);
    }

    @Test
    void replyConsumerMustBeNoAck() {
        AMQP.Channel.Close close = channelClose(() -> {
            Channel channel = openChannel();
            channel.basicConsume(REPLY_TO, false, new Deliveries(channel));
        });
        assertClose(close, AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
    }

    @Test
    void requestWithoutAReplyConsumerIsRefused() throws Exception {
        Channel channel = openChannel();
        String queue = channel.queueDeclare().getQueue();
        AMQP.BasicProperties request = new AMQP.BasicProperties.Builder().replyTo(REPLY_TO).build();
        channel.basicPublish("", queue, request, Messages.utf8("ping"));
        assertClose(AmqpErrors.awaitChannelClose(channel), AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
    }
}
