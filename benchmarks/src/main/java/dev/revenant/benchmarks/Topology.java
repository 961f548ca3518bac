package dev.revenant.benchmarks;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * What PerfTest cannot set up itself (10,000 topic bindings, a dead-letter target, an exchange
 * with no queue) and what the harness must check between steps (queue depth), done through the
 * plain amqp-client. Each call opens and closes its own connection, so a broker that closed a
 * channel in an earlier step cannot poison the next one.
 */
public final class Topology {
    private final int port;

    public Topology(int port) {
        this.port = port;
    }

    private interface ChannelWork<T> {
        T apply(Channel channel) throws IOException;
    }

    private <T> T withChannel(ChannelWork<T> work) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        factory.setAutomaticRecoveryEnabled(false);
        try (Connection connection = factory.newConnection("revenant-benchmarks-topology")) {
            Channel channel = connection.createChannel();
            return work.apply(channel);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("topology step on port " + port + " failed: " + e, e);
        }
    }

    /** The broker's server-properties table (product, version, platform...). */
    public Map<String, Object> serverProperties() {
        return withChannel(channel -> channel.getConnection().getServerProperties());
    }

    /** An exchange with {@code count} bindings of distinct patterns to one queue; see {@link #topicPattern}. */
    public void declareTopicBindings(String exchange, String queue, int count) {
        withChannel(channel -> {
            channel.exchangeDeclare(exchange, "topic", false, false, null);
            channel.queueDeclare(queue, false, false, false, null);
            for (int i = 0; i < count; i++) {
                channel.queueBind(queue, exchange, topicPattern(i));
            }
            return null;
        });
    }

    /**
     * Binding pattern number {@code i}: {@code bench.<i mod 100>.<i>.*} for even i, with {@code #}
     * for odd i, so routing walks shared prefixes and both wildcards; a key such as
     * {@code bench.42.4242.x} matches exactly one of them.
     */
    public static String topicPattern(int i) {
        return "bench." + (i % 100) + "." + i + (i % 2 == 0 ? ".*" : ".#");
    }

    /** A fanout exchange and a queue bound to it, e.g. a dead-letter exchange and its queue. */
    public void declareFanoutTarget(String exchange, String queue) {
        withChannel(channel -> {
            channel.exchangeDeclare(exchange, "fanout", false, false, null);
            channel.queueDeclare(queue, false, false, false, null);
            channel.queueBind(queue, exchange, "");
            return null;
        });
    }

    /** An exchange that nothing is bound to: publishing there costs the broker the least work. */
    public void declareUnboundExchange(String exchange) {
        withChannel(channel -> channel.exchangeDeclare(exchange, "fanout", false, false, null));
    }

    public void purge(String queue) {
        withChannel(channel -> channel.queuePurge(queue));
    }

    /** Deletes queues that may or may not exist (deleting a missing queue succeeds on both brokers). */
    public void deleteQueues(Collection<String> queues) {
        withChannel(channel -> {
            for (String queue : queues) {
                channel.queueDelete(queue);
            }
            return null;
        });
    }

    public void deleteExchanges(Collection<String> exchanges) {
        withChannel(channel -> {
            for (String exchange : exchanges) {
                channel.exchangeDelete(exchange);
            }
            return null;
        });
    }

    public long depth(String queue) {
        return withChannel(channel -> (long) channel.queueDeclarePassive(queue).getMessageCount());
    }

    /** Polls the queue's depth until it reaches {@code expected} or {@code timeout} passes; returns the last depth. */
    public long awaitDepth(String queue, long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long depth = depth(queue);
        while (depth < expected && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling a counter, not guessing at an event: the deadline bounds it
            depth = depth(queue);
        }
        return depth;
    }
}
