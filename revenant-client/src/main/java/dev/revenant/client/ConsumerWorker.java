package dev.revenant.client;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One unit of concurrency: a channel with its prefetch, one basic.consume on it and a publisher
 * channel for retry and dead-letter copies. The client dispatches a channel's deliveries one at a
 * time, in order, so a cancel-ok arrives only after every delivery before it was handled: that is
 * how {@link #stopAndAwait} knows nothing is in flight.
 */
final class ConsumerWorker {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerWorker.class);

    private final String tagPrefix;
    private final String queue;
    private final Channel channel;
    private final ConfirmedPublisher publisher;
    private final MessageHandler handler;
    private final DeliveryProcessor processor;
    private String consumerTag;
    private CountDownLatch cancelled = new CountDownLatch(0);
    private int generation;

    ConsumerWorker(Connection connection, String tagPrefix, String queue, int prefetch, MessageHandler handler,
                   DeliveryProcessor processor, Duration publishTimeout) throws IOException {
        this.tagPrefix = tagPrefix;
        this.queue = queue;
        this.handler = handler;
        this.processor = processor;
        this.channel = connection.createChannel();
        if (channel == null) {
            throw new IOException("the connection has no free channel");
        }
        channel.basicQos(prefetch);
        this.publisher = new ConfirmedPublisher(connection, publishTimeout);
    }

    /** Starts consuming unless already consuming. */
    synchronized void start() {
        if (consumerTag != null) {
            return;
        }
        try {
            CountDownLatch latch = new CountDownLatch(1);
            String tag = tagPrefix + "-" + (++generation);
            channel.basicConsume(queue, false, tag, new Delivery(latch));
            consumerTag = tag;
            cancelled = latch;
        } catch (IOException | ShutdownSignalException e) {
            LOG.error("Could not start consuming from '{}' with {}: {}", queue, tagPrefix, e.getMessage());
        }
    }

    /** Asks the broker to stop delivering; deliveries already on their way are still dispatched. */
    synchronized void stop() {
        String tag = consumerTag;
        consumerTag = null;
        if (tag == null) {
            return;
        }
        try {
            channel.basicCancel(tag);
        } catch (IOException | ShutdownSignalException e) {
            // The channel is gone: nothing more will be delivered on it.
            cancelled.countDown();
        }
    }

    /** Stops, then waits until every delivery dispatched before the cancel has been handled. */
    boolean stopAndAwait(Duration timeout) throws InterruptedException {
        CountDownLatch latch;
        synchronized (this) {
            latch = cancelled;
        }
        stop();
        return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void close() {
        publisher.close();
        TopologyDeclaration.closeQuietly(channel);
    }

    private final class Delivery extends DefaultConsumer {
        private final CountDownLatch cancelled;

        Delivery(CountDownLatch cancelled) {
            super(channel);
            this.cancelled = cancelled;
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            processor.process(new InFlightMessage(channel, envelope, properties, body), handler, publisher);
        }

        @Override
        public void handleCancelOk(String tag) {
            cancelled.countDown();
        }

        @Override
        public void handleCancel(String tag) {
            LOG.warn("The broker cancelled consumer {} on '{}' (queue deleted?)", tag, queue);
            synchronized (ConsumerWorker.this) {
                if (tag.equals(consumerTag)) {
                    consumerTag = null;
                }
            }
            cancelled.countDown();
        }

        @Override
        public void handleShutdownSignal(String tag, ShutdownSignalException signal) {
            // A lost connection is recovered together with this consumer: keep waiting. A closed
            // channel (channel error, or our own close) never delivers again: stop waiting.
            if (signal.isHardError() && !signal.isInitiatedByApplication()) {
                return;
            }
            if (!signal.isHardError() && !signal.isInitiatedByApplication()) {
                LOG.error("Channel of consumer {} on '{}' closed by the broker: {}", tag, queue, signal.getMessage());
            }
            synchronized (ConsumerWorker.this) {
                if (tag.equals(consumerTag)) {
                    consumerTag = null;
                }
            }
            cancelled.countDown();
        }
    }
}
