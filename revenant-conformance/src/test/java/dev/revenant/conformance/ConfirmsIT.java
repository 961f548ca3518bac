package dev.revenant.conformance;

import static dev.revenant.conformance.AmqpErrors.assertClose;
import static dev.revenant.conformance.AmqpErrors.channelClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Publisher confirms: sequence numbers from 1, every publish acked exactly once (singly or by a
 * multiple ack), basic.return before the ack of an unroutable mandatory message, basic.nack
 * when a queue refuses a message.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class ConfirmsIT extends ConformanceBase {

    /** Records every confirm, expanding multiple acks into the sequence numbers they cover. */
    private static final class Confirms implements ConfirmListener {
        final ConcurrentSkipListSet<Long> acked = new ConcurrentSkipListSet<>();
        final ConcurrentSkipListSet<Long> nacked = new ConcurrentSkipListSet<>();
        final List<String> events = new CopyOnWriteArrayList<>();
        private long highestSeen;

        @Override
        public synchronized void handleAck(long deliveryTag, boolean multiple) {
            record(acked, deliveryTag, multiple);
            events.add("ack:" + deliveryTag);
        }

        @Override
        public synchronized void handleNack(long deliveryTag, boolean multiple) {
            record(nacked, deliveryTag, multiple);
            events.add("nack:" + deliveryTag);
        }

        private void record(ConcurrentSkipListSet<Long> into, long deliveryTag, boolean multiple) {
            long from = multiple ? highestSeen + 1 : deliveryTag;
            for (long tag = from; tag <= deliveryTag; tag++) {
                assertThat(acked.contains(tag) || nacked.contains(tag)).as("sequence %d confirmed twice", tag).isFalse();
                into.add(tag);
            }
            highestSeen = Math.max(highestSeen, deliveryTag);
        }
    }

    @Test
    void sequenceNumbersStartAtOneAndEveryPublishIsConfirmedOnce() throws Exception {
        Channel channel = openChannel();
        String queue = channel.queueDeclare().getQueue();
        Confirms confirms = new Confirms();
        channel.addConfirmListener(confirms);
        assertThat(channel.confirmSelect()).isNotNull();
        assertThat(channel.getNextPublishSeqNo()).isEqualTo(1);

        int count = 500;
        for (int i = 0; i < count; i++) {
            channel.basicPublish("", queue, null, Messages.utf8("m" + i));
        }
        assertThat(channel.getNextPublishSeqNo()).isEqualTo(count + 1);
        channel.waitForConfirmsOrDie(Messages.TIMEOUT.toMillis());

        await().atMost(Messages.TIMEOUT).until(() -> confirms.acked.size() == count);
        assertThat(confirms.acked.first()).isEqualTo(1);
        assertThat(confirms.acked.last()).isEqualTo(count);
        assertThat(confirms.nacked).isEmpty();
        assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isEqualTo(count);
    }

    @Test
    void confirmSelectTwiceIsHarmless() throws Exception {
        Channel channel = openChannel();
        channel.confirmSelect();
        channel.confirmSelect();
        channel.basicPublish("", "no-such-queue-anywhere", null, new byte[0]);
        assertThat(channel.waitForConfirms(Messages.TIMEOUT.toMillis())).isTrue();
    }

    @Test
    void unroutableMessagesAreConfirmedToo() throws Exception {
        Channel channel = openConfirmChannel();
        Confirms confirms = new Confirms();
        channel.addConfirmListener(confirms);
        channel.basicPublish("amq.direct", unique("nobody-bound"), null, Messages.utf8("dropped"));
        assertThat(channel.waitForConfirms(Messages.TIMEOUT.toMillis())).isTrue();
        assertThat(confirms.acked).containsExactly(1L);
    }

    @Test
    void mandatoryUnroutableMessageIsReturnedBeforeItIsAcked() throws Exception {
        Channel channel = openConfirmChannel();
        Confirms confirms = new Confirms();
        channel.addReturnListener(message -> confirms.events.add("return:" + message.getReplyCode()));
        channel.addConfirmListener(confirms);
        channel.basicPublish("amq.direct", unique("nobody-bound"), true, null, Messages.utf8("back"));
        channel.waitForConfirmsOrDie(Messages.TIMEOUT.toMillis());
        await().atMost(Messages.TIMEOUT).until(() -> confirms.events.size() == 2);
        assertThat(confirms.events).containsExactly("return:312", "ack:1");
    }

    @Test
    void queueRefusingAMessageNacksIt() throws Exception {
        Channel channel = openChannel();
        String queue = channel.queueDeclare("", false, true, true,
                Map.of("x-max-length", 1, "x-overflow", "reject-publish")).getQueue();
        Confirms confirms = new Confirms();
        channel.addConfirmListener(confirms);
        channel.confirmSelect();
        channel.basicPublish("", queue, null, Messages.utf8("fits"));
        channel.basicPublish("", queue, null, Messages.utf8("overflows"));
        assertThat(channel.waitForConfirms(Messages.TIMEOUT.toMillis())).as("not all acked").isFalse();
        await().atMost(Messages.TIMEOUT).until(() -> confirms.acked.size() + confirms.nacked.size() == 2);
        assertThat(confirms.acked).containsExactly(1L);
        assertThat(confirms.nacked).containsExactly(2L);
        assertThat(Messages.drain(channel, queue)).containsExactly("fits");
    }

    @Test
    void confirmModeAndTransactionsExcludeEachOther() {
        AMQP.Channel.Close txAfterConfirm = channelClose(() -> {
            Channel channel = openChannel();
            channel.confirmSelect();
            channel.txSelect();
        });
        assertClose(txAfterConfirm, AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");

        AMQP.Channel.Close confirmAfterTx = channelClose(() -> {
            Channel channel = openChannel();
            channel.txSelect();
            channel.confirmSelect();
        });
        assertClose(confirmAfterTx, AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
    }
}
