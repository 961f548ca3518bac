package dev.revenant.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.revenant.testkit.BrokerTarget;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A well-behaved client connected before a test misbehaves: afterwards it must still be open
 * and served, and the broker must still accept new connections. A misbehaving client may only
 * lose its own channel or connection.
 */
final class Bystander implements AutoCloseable {
    private final BrokerTarget target;
    private final Connection connection;

    private Bystander(BrokerTarget target, Connection connection) {
        this.target = target;
        this.connection = connection;
    }

    static Bystander connect(BrokerTarget target) throws Exception {
        return new Bystander(target, target.connectionFactory().newConnection("conformance-bystander"));
    }

    /** Round-trips a message on the existing connection and on a brand-new one. */
    void assertStillServed() throws Exception {
        assertThat(connection.isOpen()).as("bystander connection was closed by another client's error").isTrue();
        roundTrip(connection);
        try (Connection fresh = target.connectionFactory().newConnection("conformance-bystander-fresh")) {
            roundTrip(fresh);
        }
    }

    private static void roundTrip(Connection connection) throws Exception {
        Channel channel = connection.createChannel();
        String queue = channel.queueDeclare().getQueue();
        byte[] body = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
        channel.basicPublish("", queue, null, body);
        GetResponse response = Messages.awaitGet(channel, queue, true);
        assertThat(response.getBody()).isEqualTo(body);
        channel.queueDelete(queue);
        channel.close();
    }

    @Override
    public void close() {
        connection.abort(5_000);
    }
}
