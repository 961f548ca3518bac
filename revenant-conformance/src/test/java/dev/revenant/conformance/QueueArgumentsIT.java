package dev.revenant.conformance;

import static dev.revenant.conformance.AmqpErrors.assertClose;
import static dev.revenant.conformance.AmqpErrors.channelClose;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Queue arguments: priorities, single active consumer, queue types, and validation at declare
 * time (406 PRECONDITION_FAILED naming the argument, before the queue exists).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class QueueArgumentsIT extends ConformanceBase {

    @Test
    void maxPriorityDeliversHighestFirstAndFifoWithinAPriority() throws Exception {
        Channel channel = openConfirmChannel();
        String queue = channel.queueDeclare("", false, true, true, Map.of("x-max-priority", 5)).getQueue();
        int[] priorities = {1, 5, 3, 5, 0, 9, 3};
        String[] bodies = {"p1", "p5-first", "p3-first", "p5-second", "p0", "p9-capped-at-5", "p3-second"};
        for (int i = 0; i < priorities.length; i++) {
            channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().priority(priorities[i]).build(), Messages.utf8(bodies[i]));
        }
        channel.basicPublish("", queue, null, Messages.utf8("no-priority"));
        channel.waitForConfirmsOrDie(Messages.TIMEOUT.toMillis());

        assertThat(Messages.drain(channel, queue)).containsExactly(
                "p5-first", "p5-second", "p9-capped-at-5", "p3-first", "p3-second", "p1", "p0", "no-priority");
    }

    @Test
    void singleActiveConsumerFeedsOneConsumerUntilItLeaves() throws Exception {
        Channel channel = openChannel();
        String queue = channel.queueDeclare("", false, true, true, Map.of("x-single-active-consumer", true)).getQueue();
        Channel firstChannel = openChannel();
        Channel secondChannel = openChannel();
        Deliveries first = new Deliveries(firstChannel);
        Deliveries second = new Deliveries(secondChannel);
        String firstTag = firstChannel.basicConsume(queue, true, first);
        secondChannel.basicConsume(queue, true, second);

        Messages.publishAll(channel, queue, "a", "b", "c");
        assertThat(first.nextBodies(3)).containsExactly("a", "b", "c");
        assertThat(second.pending()).isZero();

        firstChannel.basicCancel(firstTag);
        Messages.publishAll(channel, queue, "d", "e");
        assertThat(second.nextBodies(2)).containsExactly("d", "e");
        first.assertNoNewDeliveryWithin(Duration.ofMillis(200));
    }

    @Test
    void classicQueueTypeIsAccepted() throws Exception {
        Channel channel = openChannel();
        String queue = channel.queueDeclare("", false, true, true, Map.of("x-queue-type", "classic")).getQueue();
        channel.basicPublish("", queue, null, Messages.utf8("classic"));
        assertThat(Messages.text(Messages.awaitGet(channel, queue, true))).isEqualTo("classic");
    }

    @Test
    void quorumQueueTypeIsAccepted() throws Exception {
        Channel channel = openChannel();
        String queue = deleteAfterTest(unique("quorum"));
        channel.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
        channel.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
        channel.basicPublish("", queue, null, Messages.utf8("quorum"));
        assertThat(Messages.text(Messages.awaitGet(channel, queue, true))).isEqualTo("quorum");
    }

    @Test
    void unknownArgumentsAreAccepted() throws Exception {
        Channel channel = openChannel();
        String queue = channel.queueDeclare("", false, true, true, Map.of("x-made-up", 5, "no-prefix", "v")).getQueue();
        assertThat(queue).startsWith("amq.gen-");
    }

    @Test
    void zeroMessageTtlAndZeroMaxPriorityAreValid() throws Exception {
        Channel channel = openChannel();
        channel.queueDeclare("", false, true, true, Map.of("x-message-ttl", 0));
        channel.queueDeclare("", false, true, true, Map.of("x-max-priority", 0));
        assertThat(channel.isOpen()).isTrue();
    }

    static Stream<Arguments> invalidArguments() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("x-message-ttl", -1));
        cases.add(Arguments.of("x-message-ttl", "abc"));
        cases.add(Arguments.of("x-expires", 0));
        cases.add(Arguments.of("x-expires", -5));
        cases.add(Arguments.of("x-max-length", -1));
        cases.add(Arguments.of("x-max-length", "ten"));
        cases.add(Arguments.of("x-max-length-bytes", -1));
        cases.add(Arguments.of("x-max-priority", 300));
        cases.add(Arguments.of("x-max-priority", -1));
        cases.add(Arguments.of("x-max-priority", "high"));
        cases.add(Arguments.of("x-queue-type", "no-such-type"));
        cases.add(Arguments.of("x-single-active-consumer", "yes"));
        cases.add(Arguments.of("x-overflow", "explode"));
        cases.add(Arguments.of("x-dead-letter-exchange", 5));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidArguments")
    void invalidArgumentIsRefusedNamingIt(String argument, Object value) throws Exception {
        String queue = unique("invalid");
        AMQP.Channel.Close close = channelClose(() -> openChannel().queueDeclare(queue, false, false, false, Map.of(argument, value)));
        assertClose(close, AMQP.PRECONDITION_FAILED, "PRECONDITION_FAILED");
        assertThat(close.getReplyText()).contains("'" + argument + "'");
        // nothing was created
        assertClose(channelClose(() -> openChannel().queueDeclarePassive(queue)), AMQP.NOT_FOUND, "NOT_FOUND");
    }
}
