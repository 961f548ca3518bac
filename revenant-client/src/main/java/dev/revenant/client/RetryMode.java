package dev.revenant.client;

import java.util.Map;

/**
 * How a failed message waits before its next attempt. {@link #AUTO} picks per connection: the
 * broker's native retry where the broker announces it has one, otherwise the classic recipe of
 * per-delay TTL queues, which works on every AMQP 0-9-1 broker.
 */
public enum RetryMode {
    /** Native retry where the broker announces it (Revenant), TTL queues everywhere else. */
    AUTO,
    /**
     * The broker re-delivers a message rejected without requeue after each delay of the work
     * queue's {@code x-retry-delays} argument, counting in {@code x-retry-count} (Revenant).
     */
    BROKER_NATIVE,
    /**
     * The toolkit republishes a failed message to a queue whose {@code x-message-ttl} is the
     * delay and whose dead-letter target is the work queue (works on RabbitMQ and Revenant).
     */
    TTL_QUEUES;

    /** The server capability with which a broker announces native {@code x-retry-delays} retry. */
    static final String NATIVE_RETRY_CAPABILITY = "retry_delays";

    /**
     * The concrete mode for a connection whose server announced {@code serverProperties}:
     * {@link #AUTO} resolves to {@link #BROKER_NATIVE} exactly when the server's
     * {@code capabilities} table says {@code retry_delays = true} (Revenant does, once it has
     * native retry); the other modes resolve to themselves.
     */
    public RetryMode resolve(Map<String, Object> serverProperties) {
        if (this != AUTO) {
            return this;
        }
        Object capabilities = serverProperties == null ? null : serverProperties.get("capabilities");
        boolean announced = capabilities instanceof Map<?, ?> caps && Boolean.TRUE.equals(caps.get(NATIVE_RETRY_CAPABILITY));
        return announced ? BROKER_NATIVE : TTL_QUEUES;
    }
}
