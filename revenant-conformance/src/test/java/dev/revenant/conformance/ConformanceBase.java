package dev.revenant.conformance;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.revenant.testkit.BrokerTarget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.Parameter;

/**
 * Base of every conformance test class: the broker under test is injected once per class
 * invocation, and every connection a test opens is closed after it, along with the shared
 * (non-exclusive) queues and exchanges it registered, so tests never leak into each other.
 */
abstract class ConformanceBase {
    @Parameter
    protected BrokerTarget target;

    private final List<Connection> connections = new ArrayList<>();
    private final List<String> queuesToDelete = new ArrayList<>();
    private final List<String> exchangesToDelete = new ArrayList<>();
    private Connection defaultConnection;

    /** A fresh guest connection to the target, closed after the test. */
    protected Connection connect() throws IOException, TimeoutException {
        return connect(factory -> { });
    }

    /** A fresh connection with the factory adjusted first (credentials, tuning...). */
    protected Connection connect(Consumer<ConnectionFactory> customizer) throws IOException, TimeoutException {
        ConnectionFactory factory = target.connectionFactory();
        customizer.accept(factory);
        Connection connection = factory.newConnection("conformance-" + getClass().getSimpleName());
        connections.add(connection);
        return connection;
    }

    /** A new channel on the test's default connection (opened on first use). */
    protected Channel openChannel() throws IOException, TimeoutException {
        if (defaultConnection == null || !defaultConnection.isOpen()) {
            defaultConnection = connect();
        }
        return defaultConnection.createChannel();
    }

    /** A new channel in publisher-confirm mode, so a publish can be known to be routed. */
    protected Channel openConfirmChannel() throws IOException, TimeoutException {
        Channel channel = openChannel();
        channel.confirmSelect();
        return channel;
    }

    /**
     * Publishes on a confirm-mode channel and waits for the broker's ack: once confirmed, the
     * message sits in every queue it was routed to, so an empty queue then proves "not routed".
     */
    protected static void publishConfirmed(Channel channel, String exchange, String routingKey,
            AMQP.BasicProperties properties, String body) throws IOException, InterruptedException, TimeoutException {
        channel.basicPublish(exchange, routingKey, properties, Messages.utf8(body));
        channel.waitForConfirmsOrDie(Messages.TIMEOUT.toMillis());
    }

    /** A name no other test (or worker sharing the RabbitMQ node) uses. */
    protected static String unique(String prefix) {
        return "conf-" + prefix + "-" + UUID.randomUUID();
    }

    /**
     * A server-named queue that lives as long as the test's connection; unlike the default
     * {@code queueDeclare()} it is not auto-delete, so cancelling its last consumer keeps it.
     */
    protected static String exclusiveQueue(Channel channel) throws IOException {
        return channel.queueDeclare("", false, true, false, null).getQueue();
    }

    /** Declares a non-exclusive, non-durable queue that is deleted after the test. */
    protected String sharedQueue(Channel channel, String prefix) throws IOException {
        String name = unique(prefix);
        channel.queueDeclare(name, false, false, false, null);
        queuesToDelete.add(name);
        return name;
    }

    /** Registers a queue created by the test body for deletion after the test. */
    protected String deleteAfterTest(String queue) {
        queuesToDelete.add(queue);
        return queue;
    }

    /** Registers an exchange created by the test body for deletion after the test. */
    protected String deleteExchangeAfterTest(String exchange) {
        exchangesToDelete.add(exchange);
        return exchange;
    }

    @AfterEach
    void closeEverything() throws Exception {
        try {
            if (!queuesToDelete.isEmpty() || !exchangesToDelete.isEmpty()) {
                try (Connection cleaner = target.connectionFactory().newConnection("conformance-cleanup")) {
                    Channel channel = cleaner.createChannel();
                    for (String queue : queuesToDelete) {
                        channel.queueDelete(queue);
                    }
                    for (String exchange : exchangesToDelete) {
                        channel.exchangeDelete(exchange);
                    }
                }
            }
        } finally {
            for (Connection connection : connections) {
                // abort: never wait on (or fail because of) a connection the test broke on purpose
                connection.abort(5_000);
            }
        }
    }
}
