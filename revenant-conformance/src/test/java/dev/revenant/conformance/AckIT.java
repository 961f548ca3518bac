package dev.revenant.conformance;

import static dev.revenant.conformance.AmqpErrors.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acknowledgements: ack/nack/reject (single and multiple), requeue to the original position
 * with the redelivered flag, recover, and the 406 for a delivery tag the channel does not hold.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class AckIT extends ConformanceBase {

    private String queueWith(Channel channel, String... bodies) throws Exception {
        String queue = exclusiveQueue(channel);
        Messages.publishAll(channel, queue, bodies);
        channel.waitForConfirmsOrDie(Messages.TIMEOUT.toMillis());
        return queue;
    }

    private static long tag(GetResponse response) {
        return response.getEnvelope().getDeliveryTag();
    }

    @Test
    void ackRemovesTheMessage() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = queueWith(channel, "a");
        GetResponse response = channel.basicGet(queue, false);
        assertThat(tag(response)).isEqualTo(1);
        channel.basicAck(tag(response), false);
        channel.close();
        assertThat(openChannel().queueDeclarePassive(queue).getMessageCount()).isZero();
    }

    @Test
    void deliveryTagsCountPerChannel() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = queueWith(channel, "a", "b", "c");
        Channel other = openChannel();
        assertThat(tag(channel.basicGet(queue, false))).isEqualTo(1);
        assertThat(tag(other.basicGet(queue, false))).isEqualTo(1);
        assertThat(tag(channel.basicGet(queue, true))).as("no-ack deliveries take a tag too").isEqualTo(2);
    }

    @Test
    void multipleAckCoversEverythingUpToTheTag() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = queueWith(channel, "a", "b", "c", "d");
        Channel consumer = openChannel();
        for (int i = 0; i < 4; i++) {
            consumer.basicGet(queue, false);
        }
        consumer.basicAck(3, true);
        consumer.close(); // only the unacked fourth message goes back
        // RabbitMQ requeues a closed channel's messages asynchronously: wait for it to land.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> channel.queueDeclarePassive(queue).getMessageCount() == 1);
        assertThat(Messages.drain(channel, queue)).containsExactly("d");
    }

    @Test
    void multipleAckWithTagZeroAcksEverythingOutstanding() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = queueWith(channel, "a", "b", "c");
        Channel consumer = openChannel();
        for (int i = 0; i < 3; i++) {
            consumer.basicGet(queue, false);
        }
        consumer.basicAck(0, true);
        consumer.close();
        assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isZero();
    }

    @Test
    void nackMultipleWithRequeueRestoresOrderAndMarksRedelivered() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = queueWith(channel, "1", "2", "3", "4", "5");
        channel.basicGet(queue, false);
        channel.basicGet(queue, false);
        channel.basicNack(2, true, true);

        List<GetResponse> again = List.of(channel.basicGet(queue, true), channel.basicGet(queue, true),
                channel.basicGet(queue, true), channel.basicGet(queue, true), channel.basicGet(queue, true));
        assertThat(again).extracting(Messages::text).containsExactly("1", "2", "3", "4", "5");
        assertThat(again).extracting(response -> response.getEnvelope().isRedeliver())
                .containsExactly(true, true, false, false, false);
    }

    @Test
    void rejectWithRequeueReturnsTheMessageToTheHead() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = queueWith(channel, "first", "second");
        GetResponse first = channel.basicGet(queue, false);
        channel.basicReject(tag(first), true);
        GetResponse again = channel.basicGet(queue, false);
        assertThat(Messages.text(again)).isEqualTo("first");
        assertThat(again.getEnvelope().isRedeliver()).isTrue();
        assertThat(again.getMessageCount()).as("messages still ready behind it").isEqualTo(1);
    }

    @Test
    void rejectAndNackWithoutRequeueDropTheMessage() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = queueWith(channel, "a", "b", "c");
        channel.basicReject(tag(channel.basicGet(queue, false)), false);
        channel.basicGet(queue, false);
        channel.basicGet(queue, false);
        channel.basicNack(0, true, false);
        channel.close();
        assertThat(openChannel().queueDeclarePassive(queue).getMessageCount()).isZero();
    }

    @Test
    void unackedMessagesReturnWhenTheChannelCloses() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = queueWith(channel, "a", "b", "c");
        Channel consumerChannel = openChannel();
        consumerChannel.basicQos(10);
        Deliveries deliveries = new Deliveries(consumerChannel);
        consumerChannel.basicConsume(queue, false, deliveries);
        deliveries.next(3);
        consumerChannel.close();

        Deliveries again = new Deliveries(channel);
        channel.basicConsume(queue, true, again);
        List<Delivery> redelivered = again.next(3);
        assertThat(redelivered).extracting(Deliveries::text).containsExactly("a", "b", "c");
        assertThat(redelivered).allSatisfy(delivery -> assertThat(delivery.getEnvelope().isRedeliver()).isTrue());
    }

    @Test
    void recoverRedeliversUnackedMessages() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = queueWith(channel, "a", "b");
        Channel consumerChannel = openChannel();
        Deliveries deliveries = new Deliveries(consumerChannel);
        consumerChannel.basicConsume(queue, false, deliveries);
        List<Delivery> first = deliveries.next(2);
        assertThat(first).allSatisfy(delivery -> assertThat(delivery.getEnvelope().isRedeliver()).isFalse());

        consumerChannel.basicRecover(true);
        List<Delivery> second = deliveries.next(2);
        assertThat(second).extracting(Deliveries::text).containsExactly("a", "b");
        assertThat(second).allSatisfy(delivery -> assertThat(delivery.getEnvelope().isRedeliver()).isTrue());
        consumerChannel.basicAck(second.get(1).getEnvelope().getDeliveryTag(), true);
    }

    @Test
    void recoverWithoutRequeueIsNotImplemented() throws Exception {
        Channel channel = openChannel();
        AMQP.Connection.Close close = AmqpErrors.connectionClose(() -> channel.basicRecover(false));
        assertClose(close, AMQP.NOT_IMPLEMENTED, "NOT_IMPLEMENTED");
    }

    @Test
    void unknownDeliveryTagClosesTheChannel() throws Exception {
        for (AckCall call : List.<AckCall>of(
                channel -> channel.basicAck(42, false),
                channel -> channel.basicAck(42, true),
                channel -> channel.basicNack(42, false, true),
                channel -> channel.basicReject(42, false),
                channel -> channel.basicAck(0, false))) {
            Channel channel = openChannel();
            call.apply(channel);
            AMQP.Channel.Close close = AmqpErrors.awaitChannelClose(channel);
            assertClose(close, AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
            assertThat(close.getReplyText()).contains("unknown delivery tag");
        }
    }

    @Test
    void doubleAckClosesTheChannel() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = queueWith(channel, "a");
        long tag = tag(channel.basicGet(queue, false));
        channel.basicAck(tag, false);
        channel.basicAck(tag, false);
        AMQP.Channel.Close close = AmqpErrors.awaitChannelClose(channel);
        assertClose(close, AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
        assertThat(close.getReplyText()).contains("unknown delivery tag " + tag);
    }

    @Test
    void ackingANoAckDeliveryClosesTheChannel() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = queueWith(channel, "a");
        long tag = tag(channel.basicGet(queue, true));
        channel.basicAck(tag, false);
        assertClose(AmqpErrors.awaitChannelClose(channel), AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
    }

    /** One acknowledgement method applied to a channel. */
    @FunctionalInterface
    private interface AckCall {
        void apply(Channel channel) throws Exception;
    }
}
