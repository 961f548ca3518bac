package dev.revenant.broker;

/**
 * A running broker: listening on its AMQP port from the moment {@link #start} returns until
 * {@link #close}. Safe to embed in tests (port 0, temporary data directory).
 */
public final class Broker implements AutoCloseable {
    private Broker() {
    }

    /** Starts a broker with the given settings; returns once it accepts connections. */
    public static Broker start(BrokerConfig config) {
        throw new IllegalStateException("the broker core is being built");
    }

    /** The AMQP port actually bound (useful when the configured port was 0). */
    public int amqpPort() {
        throw new IllegalStateException("the broker core is being built");
    }

    @Override
    public void close() {
    }
}
