package dev.revenant.client;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A delivery not yet settled, with the three ways to settle it. Settling on a channel that closed
 * in the meantime is not an error: the broker has already put the message back in its queue and
 * will deliver it again, which is the at-least-once promise.
 */
final class InFlightMessage {
    private static final Logger LOG = LoggerFactory.getLogger(InFlightMessage.class);

    final Channel channel;
    final Envelope envelope;
    final AMQP.BasicProperties properties;
    final byte[] body;

    InFlightMessage(Channel channel, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        this.channel = channel;
        this.envelope = envelope;
        this.properties = properties == null ? new AMQP.BasicProperties() : properties;
        this.body = body;
    }

    /** Done with it: the broker forgets it. */
    void ack() {
        settle("ack", () -> channel.basicAck(envelope.getDeliveryTag(), false));
    }

    /** Back to the head of its queue, unchanged. */
    void requeue() {
        settle("requeue", () -> channel.basicNack(envelope.getDeliveryTag(), false, true));
    }

    /** Rejected without requeue: the broker retries (native retry) or dead-letters it. */
    void reject() {
        settle("reject", () -> channel.basicNack(envelope.getDeliveryTag(), false, false));
    }

    private interface Settlement {
        void run() throws IOException;
    }

    private void settle(String what, Settlement settlement) {
        try {
            settlement.run();
        } catch (IOException | ShutdownSignalException e) {
            LOG.warn("Could not {} delivery {} ({}); the broker will redeliver it", what, envelope.getDeliveryTag(),
                    e.getMessage());
        }
    }
}
