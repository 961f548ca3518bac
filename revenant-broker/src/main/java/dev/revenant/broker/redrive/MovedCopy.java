package dev.revenant.broker.redrive;

import dev.revenant.amqp.BasicProperties;
import dev.revenant.broker.message.Message;
import dev.revenant.broker.retry.MessageTtl;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The copy a move publishes: the original's properties (message-id, timestamp, {@code x-death}
 * and every other header kept) and body, shown as published to the target exchange and routing
 * key, plus two headers recording the move: {@code x-revenant-moved} (a long, how many times the
 * message has been moved) and {@code x-revenant-moved-from} (the queue of the last move). The
 * {@code expiration} a dead-lettered message lost is not restored; one it still has applies again
 * from the moment the copy is enqueued, as for a new publish. Pure.
 */
public final class MovedCopy {
    /** Header counting the moves of a message (long). */
    public static final String MOVED_HEADER = "x-revenant-moved";
    /** Header naming the queue the message was last moved from (string). */
    public static final String MOVED_FROM_HEADER = "x-revenant-moved-from";

    private MovedCopy() {
    }

    /** The headers after one more move from {@code sourceQueue}; {@code headers} is not changed. */
    public static Map<String, Object> recordMove(Map<String, Object> headers, String sourceQueue) {
        Map<String, Object> result = new LinkedHashMap<>(headers == null ? Map.of() : headers);
        Object previous = result.get(MOVED_HEADER);
        long count = previous instanceof Number n ? n.longValue() + 1 : 1L;
        result.put(MOVED_HEADER, count);
        result.put(MOVED_FROM_HEADER, sourceQueue);
        return result;
    }

    /** A new message (new broker id) with the original's properties and body and the move recorded. */
    public static Message of(Message original, String exchange, String routingKey, String sourceQueue) {
        BasicProperties properties = original.properties().copy()
                .headers(recordMove(original.properties().headers(), sourceQueue));
        long ttl = MessageTtl.parseExpiration(properties.expiration()).orElse(-1);
        return new Message(exchange, routingKey, properties, Message.encode(properties), original.body(), ttl);
    }
}
