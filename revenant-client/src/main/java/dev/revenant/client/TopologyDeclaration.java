package dev.revenant.client;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Declares a {@link QueueTopology}: the dead-letter side first, so that the work queue's
 * dead-letter target exists before the first message can fail. Every declaration is durable and
 * idempotent; a 406 from the broker becomes a {@link TopologyMismatchException}.
 */
final class TopologyDeclaration {
    private TopologyDeclaration() {
    }

    /** Declares on a channel of its own, closed afterwards. */
    static void declare(Connection connection, QueueTopology topology, RetryMode mode) throws IOException {
        Channel channel = connection.createChannel();
        try {
            declare(channel, topology, mode);
        } finally {
            closeQuietly(channel);
        }
    }

    /**
     * Declares on {@code channel}. A client with automatic recovery re-declares what a channel
     * declared when the connection comes back, but only while that channel is open: long-lived
     * users keep it open.
     */
    static void declare(Channel channel, QueueTopology topology, RetryMode mode) throws IOException {
        exchange(channel, topology.deadLetterExchange());
        queue(channel, topology.deadLetterQueue(), Map.of());
        channel.queueBind(topology.deadLetterQueue(), topology.deadLetterExchange(), topology.queue());
        queue(channel, topology.parkingLotQueue(), Map.of());
        if (mode == RetryMode.TTL_QUEUES) {
            for (Duration delay : topology.distinctRetryDelays()) {
                queue(channel, topology.retryQueueName(delay), topology.retryQueueArguments(delay));
            }
        }
        queue(channel, topology.queue(), topology.workQueueArguments(mode));
    }

    private static void exchange(Channel channel, String name) throws IOException {
        try {
            channel.exchangeDeclare(name, BuiltinExchangeType.DIRECT, true, false, null);
        } catch (IOException e) {
            throw mismatchOr(e, "exchange", name, "a durable direct exchange");
        }
    }

    private static void queue(Channel channel, String name, Map<String, Object> arguments) throws IOException {
        try {
            channel.queueDeclare(name, true, false, false, arguments);
        } catch (IOException e) {
            throw mismatchOr(e, "queue", name, TopologyMismatchException.describeQueue(arguments));
        }
    }

    /** A 406 channel close becomes a mismatch; anything else is rethrown as it came. */
    private static IOException mismatchOr(IOException failure, String kind, String name, String wanted) {
        if (failure.getCause() instanceof ShutdownSignalException signal
                && signal.getReason() instanceof AMQP.Channel.Close close
                && close.getReplyCode() == AMQP.PRECONDITION_FAILED) {
            throw new TopologyMismatchException(kind, name, wanted, close.getReplyText(), failure);
        }
        return failure;
    }

    static void closeQuietly(Channel channel) {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException ignored) {
            // Already closed by the broker (e.g. after a 406) or by a lost connection: nothing to release.
        }
    }
}
