package dev.revenant.conformance;

import static org.assertj.core.api.Assertions.fail;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A consumer that stamps every delivery with the monotonic time it reached the client, so a
 * test can measure delays (retry backoff, expiry) from an event it stamped itself.
 */
final class TimedDeliveries extends DefaultConsumer {
    /** Longer than {@link Deliveries#TIMEOUT}: a delay under test comes on top of the delivery. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** One delivery and when it arrived, in {@link System#nanoTime()} units. */
    record Timed(Delivery delivery, long arrivedNanos) {
        /** Milliseconds from {@code startNanos} (a {@link System#nanoTime()} reading) to the arrival. */
        long millisSince(long startNanos) {
            return TimeUnit.NANOSECONDS.toMillis(arrivedNanos - startNanos);
        }

        long tag() {
            return delivery.getEnvelope().getDeliveryTag();
        }

        String text() {
            return Deliveries.text(delivery);
        }
    }

    private final BlockingQueue<Timed> queue = new LinkedBlockingQueue<>();

    TimedDeliveries(Channel channel) {
        super(channel);
    }

    @Override
    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        queue.add(new Timed(new Delivery(envelope, properties, body), System.nanoTime()));
    }

    /** The next delivery; fails the test if none arrives within the timeout. */
    Timed next() throws InterruptedException {
        Timed timed = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (timed == null) {
            fail("no delivery within " + TIMEOUT);
        }
        return timed;
    }

    /** The next delivery if one arrives within {@code wait}, else null. */
    Timed poll(Duration wait) throws InterruptedException {
        return queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
