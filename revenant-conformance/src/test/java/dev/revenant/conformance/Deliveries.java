package dev.revenant.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A consumer that queues every delivery for the test thread to take, with generous timeouts;
 * it also records a server-sent basic.cancel and the consume-ok/cancel-ok handshakes.
 */
final class Deliveries extends DefaultConsumer {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final BlockingQueue<Delivery> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger received = new AtomicInteger();
    final CompletableFuture<String> consumeOk = new CompletableFuture<>();
    final CompletableFuture<String> cancelOk = new CompletableFuture<>();
    final CompletableFuture<String> serverCancel = new CompletableFuture<>();

    Deliveries(Channel channel) {
        super(channel);
    }

    @Override
    public void handleConsumeOk(String consumerTag) {
        super.handleConsumeOk(consumerTag);
        consumeOk.complete(consumerTag);
    }

    @Override
    public void handleCancelOk(String consumerTag) {
        cancelOk.complete(consumerTag);
    }

    @Override
    public void handleCancel(String consumerTag) {
        serverCancel.complete(consumerTag);
    }

    @Override
    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        received.incrementAndGet();
        queue.add(new Delivery(envelope, properties, body));
    }

    /** The next delivery; fails the test if none arrives within the timeout. */
    Delivery next() throws InterruptedException {
        Delivery delivery = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (delivery == null) {
            fail("no delivery within " + TIMEOUT);
        }
        return delivery;
    }

    /** The next {@code count} deliveries, in order. */
    List<Delivery> next(int count) throws InterruptedException {
        List<Delivery> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            result.add(next());
        }
        return result;
    }

    /** The bodies of the next {@code count} deliveries, as UTF-8 text. */
    List<String> nextBodies(int count) throws InterruptedException {
        return next(count).stream().map(Deliveries::text).toList();
    }

    /**
     * Proves that no further delivery arrives: a bounded wait is the only way to observe an
     * absence, so it is kept short and used only after the broker had every chance to deliver.
     */
    void assertNoNewDeliveryWithin(Duration quiet) throws InterruptedException {
        int before = received.get();
        TimeUnit.MILLISECONDS.sleep(quiet.toMillis());
        assertThat(received.get()).as("deliveries during %s of expected quiet", quiet).isEqualTo(before);
    }

    /** How many deliveries are waiting to be taken. */
    int pending() {
        return queue.size();
    }

    static String text(Delivery delivery) {
        return new String(delivery.getBody(), StandardCharsets.UTF_8);
    }
}
