package dev.revenant.testkit;

import com.rabbitmq.client.ConnectionFactory;

/**
 * One broker a test can run against: an embedded Revenant or an external RabbitMQ node.
 * The same test body runs against every target, which is how compatibility is proven.
 */
public interface BrokerTarget {
    /** Short name shown in test reports, e.g. {@code revenant} or {@code rabbitmq}. */
    String name();

    /** Host of the AMQP listener (always loopback in tests). */
    String host();

    /** Port of the AMQP listener. */
    int port();

    /** Whether this target is Revenant (for Revenant-only features). */
    boolean isRevenant();

    /** A fresh connection factory for guest/guest on this target, automatic recovery off. */
    default ConnectionFactory connectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host());
        factory.setPort(port());
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setAutomaticRecoveryEnabled(false);
        factory.setConnectionTimeout(10_000);
        return factory;
    }

    /** The amqp:// URI of this target with guest credentials. */
    default String uri() {
        return "amqp://guest:guest@" + host() + ":" + port();
    }
}
