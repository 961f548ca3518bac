package dev.revenant.client;

import java.util.Map;

/**
 * How a failed message waits before its next attempt. {@link #AUTO} picks per connection: the
 * broker's native retry where the broker announces it has one, otherwise the classic recipe of
 * per-delay TTL queues, which works on every AMQP 0-9-1 broker.
 */
public enum RetryMode {
    /** Native retry on Revenant, TTL queues everywhere else. */
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

    /** The server property value with which Revenant announces itself. */
    static final String REVENANT_PRODUCT = "Revenant";

    /**
     * The concrete mode for a connection whose server announced {@code serverProperties}:
     * {@link #AUTO} resolves to {@link #BROKER_NATIVE} exactly when the {@code product} property
     * is {@code Revenant}; the other modes resolve to themselves.
     */
    public RetryMode resolve(Map<String, Object> serverProperties) {
        if (this != AUTO) {
            return this;
        }
        Object product = serverProperties == null ? null : serverProperties.get("product");
        // The client hands long strings over as LongString, whose toString() is the text.
        return product != null && REVENANT_PRODUCT.equals(product.toString()) ? BROKER_NATIVE : TTL_QUEUES;
    }
}
