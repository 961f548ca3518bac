package dev.revenant.broker.message;

import dev.revenant.amqp.BasicProperties;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A published message as the broker holds it: routing facts, the content header's properties
 * (decoded, plus the exact bytes the publisher sent so unmodified deliveries are byte-exact) and
 * the body in one array shared by every queue it was routed to. Immutable: changes make copies.
 */
public final class Message {
    private static final AtomicLong IDS = new AtomicLong();

    private final long id;
    private final String exchange;
    private final String routingKey;
    private final BasicProperties properties;
    private final byte[] encodedProperties;
    private final byte[] body;
    private final long ttlMillis;
    private final long location;

    /**
     * @param ttlMillis the per-message TTL parsed from {@code expiration}, or -1 for none
     */
    public Message(String exchange, String routingKey, BasicProperties properties, byte[] encodedProperties, byte[] body,
                   long ttlMillis) {
        this(IDS.incrementAndGet(), exchange, routingKey, properties, encodedProperties, body, ttlMillis, 0);
    }

    private Message(long id, String exchange, String routingKey, BasicProperties properties, byte[] encodedProperties,
                    byte[] body, long ttlMillis, long location) {
        this.id = id;
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.properties = properties;
        this.encodedProperties = encodedProperties;
        this.body = body;
        this.ttlMillis = ttlMillis;
        this.location = location;
    }

    /** A message read back from the store at {@code location}. */
    public static Message recovered(String exchange, String routingKey, byte[] encodedProperties, byte[] body, long ttlMillis,
                                    long location) {
        BasicProperties properties = BasicProperties.decode(Unpooled.wrappedBuffer(encodedProperties));
        return new Message(IDS.incrementAndGet(), exchange, routingKey, properties, encodedProperties, body, ttlMillis, location);
    }

    /** This message, written to the store at {@code storeLocation} (shared by the queues it was routed to). */
    public Message withLocation(long storeLocation) {
        return new Message(id, exchange, routingKey, properties, encodedProperties, body, ttlMillis, storeLocation);
    }

    /** Where the store holds this message's bytes, or 0 if it was not written there. */
    public long location() { return location; }

    /** Broker-wide unique id, increasing in publish order. */
    public long id() { return id; }
    public String exchange() { return exchange; }
    public String routingKey() { return routingKey; }
    /** Decoded properties; callers must not modify them (copy first). */
    public BasicProperties properties() { return properties; }
    /** Property flags and list exactly as they go on the wire. */
    public byte[] encodedProperties() { return encodedProperties; }
    public byte[] body() { return body; }
    /** The message's own TTL in ms from its {@code expiration} property, or -1. */
    public long ttlMillis() { return ttlMillis; }

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

    /** The headers table, never null (an empty map when the message has none). */
    public Map<String, Object> headers() {
        Map<String, Object> headers = properties.headers();
        return headers == null ? Map.of() : headers;
    }

    /** The same message (same id and routing) with one header set, properties re-encoded. */
    public Message withHeader(String name, Object value) {
        Map<String, Object> headers = new LinkedHashMap<>(headers());
        headers.put(name, value);
        BasicProperties changed = properties.copy().headers(headers);
        return new Message(id, exchange, routingKey, changed, encode(changed), body, ttlMillis, 0);
    }

    /** A new message (new id) with the same body, published to another exchange with new properties. */
    public Message republish(String newExchange, String newRoutingKey, BasicProperties newProperties) {
        return new Message(newExchange, newRoutingKey, newProperties, encode(newProperties), body, -1);
    }

    /** Property flags and list in wire form. */
    public static byte[] encode(BasicProperties properties) {
        ByteBuf buf = Unpooled.buffer(64);
        properties.encode(buf);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return bytes;
    }
}
