package dev.revenant.conformance;

import static dev.revenant.conformance.AmqpErrors.assertClose;
import static dev.revenant.conformance.AmqpErrors.channelClose;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** basic.consume and basic.deliver: tags, exclusivity, priorities, fairness, cancel both ways. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class ConsumeIT extends ConformanceBase {

    @Test
    void deliveriesCarryEnvelopeFieldsInOrder() throws Exception {
        Channel channel = openChannel();
        String queue = channel.queueDeclare().getQueue();
        String key = unique("key");
        channel.queueBind(queue, "amq.direct", key);
        Deliveries deliveries = new Deliveries(channel);
        String tag = channel.basicConsume(queue, true, deliveries);

        channel.basicPublish("amq.direct", key, null, Messages.utf8("one"));
        channel.basicPublish("", queue, null, Messages.utf8("two"));

        List<Delivery> received = deliveries.next(2);
        assertThat(received).extracting(Deliveries::text).containsExactly("one", "two");
        assertThat(received.get(0).getEnvelope().getExchange()).isEqualTo("amq.direct");
        assertThat(received.get(0).getEnvelope().getRoutingKey()).isEqualTo(key);
        assertThat(received.get(1).getEnvelope().getExchange()).isEmpty();
        assertThat(received.get(1).getEnvelope().getRoutingKey()).isEqualTo(queue);
        assertThat(received).allSatisfy(delivery -> assertThat(delivery.getEnvelope().isRedeliver()).isFalse());
        assertThat(received).extracting(delivery -> delivery.getEnvelope().getDeliveryTag()).containsExactly(1L, 2L);
        assertThat(deliveries.consumeOk.get(10, TimeUnit.SECONDS)).isEqualTo(tag);
        assertThat(channel.queueDeclarePassive(queue).getMessageCount()).as("no-ack deliveries are gone").isZero();
    }

    @Test
    void serverGeneratesConsumerTagsAndEchoesClientTags() throws Exception {
        Channel channel = openChannel();
        String queue = channel.queueDeclare().getQueue();
        String generated = channel.basicConsume(queue, true, new Deliveries(channel));
        assertThat(generated).startsWith("amq.ctag-");
        String chosen = channel.basicConsume(queue, true, "my-tag", new Deliveries(channel));
        assertThat(chosen).isEqualTo("my-tag");
    }

    @Test
    void exclusiveConsumerLocksOutOthers() throws Exception {
        Channel channel = openChannel();
        String queue = sharedQueue(channel, "exclusive-consumer");
        channel.basicConsume(queue, true, "", false, true, null, new Deliveries(channel));
        assertClose(channelClose(() -> {
            Channel other = connect().createChannel();
            other.basicConsume(queue, true, new Deliveries(other));
        }), AMQP.ACCESS_REFUSED, "ACCESS_REFUSED");
    }

    @Test
    void exclusiveConsumeOnAQueueWithConsumersIsRefused() throws Exception {
        Channel channel = openChannel();
        String queue = sharedQueue(channel, "busy");
        channel.basicConsume(queue, true, new Deliveries(channel));
        AMQP.Channel.Close close = channelClose(() -> {
            Channel other = openChannel();
            other.basicConsume(queue, true, "", false, true, null, new Deliveries(other));
        });
        assertClose(close, AMQP.ACCESS_REFUSED, "ACCESS_REFUSED");
    }

    @Test
    void noLocalIsAccepted() throws Exception {
        Channel channel = openChannel();
        String queue = channel.queueDeclare().getQueue();
        Deliveries deliveries = new Deliveries(channel);
        String tag = channel.basicConsume(queue, true, "", true, false, null, deliveries);
        assertThat(deliveries.consumeOk.get(10, TimeUnit.SECONDS)).isEqualTo(tag);
    }

    @Test
    void higherPriorityConsumerIsServedFirst() throws Exception {
        Channel channel = openChannel();
        String queue = channel.queueDeclare().getQueue();
        Channel lowChannel = openChannel();
        Channel highChannel = openChannel();
        highChannel.basicQos(1);
        Deliveries low = new Deliveries(lowChannel);
        Deliveries high = new Deliveries(highChannel);
        lowChannel.basicConsume(queue, true, "", false, false, Map.of("x-priority", 1), low);
        highChannel.basicConsume(queue, false, "", false, false, Map.of("x-priority", 10), high);

        Messages.publishAll(channel, queue, "first");
        assertThat(Deliveries.text(high.next())).isEqualTo("first");
        // the high-priority consumer is now at its prefetch limit, so the next ones go to the low one
        Messages.publishAll(channel, queue, "second", "third");
        assertThat(low.nextBodies(2)).containsExactly("second", "third");
        assertThat(high.pending()).isZero();
    }

    @Test
    void equalConsumersShareMessagesRoundRobin() throws Exception {
        Channel channel = openChannel();
        String queue = channel.queueDeclare().getQueue();
        Channel firstChannel = openChannel();
        Channel secondChannel = openChannel();
        Deliveries first = new Deliveries(firstChannel);
        Deliveries second = new Deliveries(secondChannel);
        firstChannel.basicConsume(queue, true, first);
        secondChannel.basicConsume(queue, true, second);
        first.consumeOk.get(10, TimeUnit.SECONDS);
        second.consumeOk.get(10, TimeUnit.SECONDS);

        Messages.publishAll(channel, queue, "1", "2", "3", "4", "5", "6");
        assertThat(first.nextBodies(3)).containsExactly("1", "3", "5");
        assertThat(second.nextBodies(3)).containsExactly("2", "4", "6");
    }

    @Test
    void cancelStopsDeliveries() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = exclusiveQueue(channel); // not auto-delete: it must outlive its consumer
        Deliveries deliveries = new Deliveries(channel);
        String tag = channel.basicConsume(queue, true, deliveries);
        publishConfirmed(channel, "", queue, null, "before");
        assertThat(Deliveries.text(deliveries.next())).isEqualTo("before");

        channel.basicCancel(tag);
        assertThat(deliveries.cancelOk.get(10, TimeUnit.SECONDS)).isEqualTo(tag);
        publishConfirmed(channel, "", queue, null, "after");
        assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isEqualTo(1);
        assertThat(channel.queueDeclarePassive(queue).getConsumerCount()).isZero();
        assertThat(deliveries.pending()).isZero();
    }

    @Test
    void deletingAConsumedQueueCancelsItsConsumers() throws Exception {
        Channel channel = openChannel();
        String queue = sharedQueue(channel, "deleted");
        Channel consumerChannel = openChannel();
        Deliveries deliveries = new Deliveries(consumerChannel);
        String tag = consumerChannel.basicConsume(queue, true, deliveries);

        openChannel().queueDelete(queue);

        assertThat(deliveries.serverCancel.get(10, TimeUnit.SECONDS)).isEqualTo(tag);
        assertThat(consumerChannel.isOpen()).as("a cancel notification keeps the channel open").isTrue();
        consumerChannel.queueDeclare();
    }

    @Test
    void consumingAMissingQueueIsNotFound() {
        AMQP.Channel.Close close = channelClose(() -> {
            Channel channel = openChannel();
            channel.basicConsume(unique("missing"), true, new Deliveries(channel));
        });
        assertClose(close, AMQP.NOT_FOUND, "NOT_FOUND");
    }

    @Test
    void messagesPublishedBeforeConsumeAreDelivered() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = channel.queueDeclare().getQueue();
        for (int i = 0; i < 5; i++) {
            publishConfirmed(channel, "", queue, null, "m" + i);
        }
        Deliveries deliveries = new Deliveries(channel);
        channel.basicConsume(queue, true, deliveries);
        assertThat(deliveries.nextBodies(5)).containsExactly("m0", "m1", "m2", "m3", "m4");
        deliveries.assertNoNewDeliveryWithin(Duration.ofMillis(100));
    }
}
