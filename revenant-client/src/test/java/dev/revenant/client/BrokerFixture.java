package dev.revenant.client;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.revenant.testkit.BrokerTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * One test's view of a broker target: a plain connection for publishing and inspecting, unique
 * topology names, and clean-up of everything the test declared.
 */
final class BrokerFixture implements AutoCloseable {
    final BrokerTarget target;
    final Connection connection;
    private final List<QueueTopology> topologies = new ArrayList<>();
    private final List<String> queues = new ArrayList<>();

    BrokerFixture(BrokerTarget target) throws IOException, TimeoutException {
        this.target = target;
        this.connection = target.connectionFactory().newConnection("client-it-fixture");
    }

    /** A connection factory for the code under test (quick recovery, so tests stay short). */
    ConnectionFactory factory() {
        ConnectionFactory factory = target.connectionFactory();
        factory.setNetworkRecoveryInterval(200);
        return factory;
    }

    /** A fresh, unique topology name registered for clean-up. */
    QueueTopology topology(String prefix) {
        QueueTopology topology = QueueTopology.forQueue("client-it-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        return register(topology);
    }

    QueueTopology register(QueueTopology topology) {
        topologies.add(topology);
        return topology;
    }

    String queue(String prefix) {
        String name = "client-it-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        queues.add(name);
        return name;
    }

    void publish(String queue, String messageId, String body) throws IOException {
        publish(queue, props(messageId, Map.of()), body);
    }

    void publish(String queue, AMQP.BasicProperties properties, String body) throws IOException {
        Channel channel = connection.createChannel();
        try {
            channel.confirmSelect();
            channel.basicPublish("", queue, true, properties, body.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
        } catch (InterruptedException | TimeoutException e) {
            throw new IOException(e);
        } finally {
            TopologyDeclaration.closeQuietly(channel);
        }
    }

    static AMQP.BasicProperties props(String messageId, Map<String, Object> headers) {
        return new AMQP.BasicProperties.Builder().messageId(messageId).deliveryMode(2).contentType("text/plain")
                .headers(headers).build();
    }

    /** Ready messages in {@code queue} (not counting unacked ones). */
    long ready(String queue) throws IOException {
        Channel channel = connection.createChannel();
        try {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } finally {
            TopologyDeclaration.closeQuietly(channel);
        }
    }

    /** Takes every ready message out of {@code queue}. */
    List<GetResponse> drain(String queue) throws IOException {
        List<GetResponse> messages = new ArrayList<>();
        Channel channel = connection.createChannel();
        try {
            for (GetResponse response = channel.basicGet(queue, true); response != null;
                 response = channel.basicGet(queue, true)) {
                messages.add(response);
            }
        } finally {
            TopologyDeclaration.closeQuietly(channel);
        }
        return messages;
    }

    static String body(GetResponse response) {
        return new String(response.getBody(), StandardCharsets.UTF_8);
    }

    static Duration millis(long millis) {
        return Duration.ofMillis(millis);
    }

    @Override
    public void close() throws IOException {
        try (Channel channel = connection.createChannel()) {
            for (QueueTopology topology : topologies) {
                channel.queueDelete(topology.queue());
                channel.queueDelete(topology.deadLetterQueue());
                channel.queueDelete(topology.parkingLotQueue());
                for (Duration delay : topology.distinctRetryDelays()) {
                    channel.queueDelete(topology.retryQueueName(delay));
                }
                channel.exchangeDelete(topology.deadLetterExchange());
            }
            for (String queue : queues) {
                channel.queueDelete(queue);
            }
        } catch (TimeoutException e) {
            throw new IOException(e);
        } finally {
            connection.close();
        }
    }
}
