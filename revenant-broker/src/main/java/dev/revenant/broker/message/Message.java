package dev.revenant.broker.message;

import dev.revenant.amqp.BasicProperties;

/**
 * A published message as the broker holds it: routing facts, the content header's properties
 * (decoded, plus the exact bytes the publisher sent so unmodified deliveries are byte-exact) and
 * the body in one array shared by every queue it was routed to. Immutable once built.
 */
public final class Message {
    private final long id;
    private final String exchange;
    private final String routingKey;
    private final BasicProperties properties;
    private final byte[] encodedProperties;
    private final byte[] body;

    public Message(long id, String exchange, String routingKey, BasicProperties properties, byte[] encodedProperties, byte[] body) {
        this.id = id;
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.properties = properties;
        this.encodedProperties = encodedProperties;
        this.body = body;
    }

    /** Broker-wide unique id, increasing in publish order. */
    public long id() { return id; }
    public String exchange() { return exchange; }
    public String routingKey() { return routingKey; }
    /** Decoded properties; callers must not modify them (copy first). */
    public BasicProperties properties() { return properties; }
    /** Property flags and list exactly as they go on the wire. */
    public byte[] encodedProperties() { return encodedProperties; }
    public byte[] body() { return body; }

    public boolean persistent() {
        Integer mode = properties.deliveryMode();
        return mode != null && mode == 2;
    }

    /** Priority property, 0 when absent. */
    public int priority() {
        Integer priority = properties.priority();
        return priority == null ? 0 : priority;
    }

    /** Bytes counted against length limits (body only, as RabbitMQ counts). */
    public int bodySize() {
        return body.length;
    }
}
