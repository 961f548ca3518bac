package dev.revenant.broker.durable;

import dev.revenant.broker.message.Message;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a message is stored as: exchange and routing key (length-prefixed UTF-8), the
 * per-message TTL, the encoded properties exactly as published, then the body. The store keeps
 * them opaque; this is the only place that knows the layout.
 */
public final class StoredMessages {
    private StoredMessages() {
    }

    /** The parts to append (header then body, which is not copied). */
    public static ByteBuffer[] encode(Message message) {
        byte[] exchange = message.exchange().getBytes(StandardCharsets.UTF_8);
        byte[] routingKey = message.routingKey().getBytes(StandardCharsets.UTF_8);
        byte[] props = message.encodedProperties();
        ByteBuffer head = ByteBuffer.allocate(2 + exchange.length + 2 + routingKey.length + 8 + 4 + props.length);
        head.putShort((short) exchange.length).put(exchange);
        head.putShort((short) routingKey.length).put(routingKey);
        head.putLong(message.ttlMillis());
        head.putInt(props.length).put(props);
        head.flip();
        return new ByteBuffer[] {head, ByteBuffer.wrap(message.body())};
    }

    /** The message stored at {@code location}, from the bytes read there. */
    public static Message decode(ByteBuffer bytes, long location) {
        String exchange = string(bytes);
        String routingKey = string(bytes);
        long ttl = bytes.getLong();
        byte[] props = new byte[bytes.getInt()];
        bytes.get(props);
        byte[] body = new byte[bytes.remaining()];
        bytes.get(body);
        return Message.recovered(exchange, routingKey, props, body, ttl, location);
    }

    private static String string(ByteBuffer bytes) {
        byte[] utf8 = new byte[Short.toUnsignedInt(bytes.getShort())];
        bytes.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
