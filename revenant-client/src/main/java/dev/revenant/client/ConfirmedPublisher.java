package dev.revenant.client;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes one message at a time on a channel of its own in confirm mode, and returns only once
 * the broker has confirmed it: a copy is safe before the caller acks the original. Publishes are
 * mandatory, so a message no queue would take (a deleted queue) is an error, not a silent loss.
 * One message in flight at a time is what lets a basic.return be matched to its publish.
 */
final class ConfirmedPublisher implements AutoCloseable {
    private final Connection connection;
    private final Duration timeout;
    private final AtomicReference<Channel> channel = new AtomicReference<>();
    private volatile String returned;

    ConfirmedPublisher(Connection connection, Duration timeout) {
        this.connection = connection;
        this.timeout = timeout;
    }

    /** Publishes and waits for the broker's confirm; throws if it was refused, unroutable or lost. */
    synchronized void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body)
            throws IOException {
        Channel current = channel();
        returned = null;
        boolean confirmed;
        try {
            current.basicPublish(exchange, routingKey, true, properties, body);
            confirmed = current.waitForConfirms(timeout.toMillis());
        } catch (TimeoutException e) {
            discard();  // a late confirm or return must not be taken for the next message's
            throw new IOException("the broker did not confirm a message to " + target(exchange, routingKey)
                    + " within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discard();
            throw new InterruptedIOException("interrupted while waiting for the broker's confirm");
        } catch (ShutdownSignalException e) {
            throw new IOException("the channel closed before the broker confirmed a message to "
                    + target(exchange, routingKey) + ": " + e.getMessage(), e);
        }
        if (!confirmed) {
            throw new IOException("the broker refused (nack) a message to " + target(exchange, routingKey));
        }
        String returnedReply = returned;
        if (returnedReply != null) {
            throw new IOException("no queue took the message to " + target(exchange, routingKey) + " (" + returnedReply
                    + "): does the queue exist and is it bound?");
        }
    }

    private Channel channel() throws IOException {
        Channel existing = channel.get();
        if (existing == null) {
            Channel created = connection.createChannel();
            if (created == null) {
                throw new IOException("the connection has no free channel");
            }
            created.confirmSelect();
            created.addReturnListener(message -> returned = message.getReplyCode() + " " + message.getReplyText());
            created.addShutdownListener(cause -> {
                // A channel-level error (e.g. 404 on a missing exchange) is not recovered by the
                // client: open a fresh channel next time. Connection loss is recovered in place.
                // Not synchronized: this runs on the connection's thread while publish() may hold the lock.
                if (!cause.isHardError()) {
                    channel.compareAndSet(created, null);
                }
            });
            channel.set(created);
            existing = created;
        }
        return existing;
    }

    private void discard() {
        Channel current = channel.getAndSet(null);
        if (current != null) {
            TopologyDeclaration.closeQuietly(current);
        }
    }

    private static String target(String exchange, String routingKey) {
        return (exchange.isEmpty() ? "the default exchange" : "exchange '" + exchange + "'")
                + " with routing key '" + routingKey + "'";
    }

    @Override
    public synchronized void close() {
        discard();
    }
}
