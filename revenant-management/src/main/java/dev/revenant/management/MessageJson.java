package dev.revenant.management;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.revenant.amqp.BasicProperties;
import dev.revenant.broker.queue.QueuedMessage;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Messages as RabbitMQ's {@code /get} answers them ({@code payload}, {@code payload_encoding},
 * {@code payload_bytes}, {@code properties} with {@code headers}, {@code exchange},
 * {@code routing_key}, {@code redelivered}, {@code message_count}) plus Revenant's {@code id},
 * and properties read back from JSON for a republish. Pure.
 */
final class MessageJson {
    private MessageJson() {
    }

    /**
     * @param base64       always base64 ({@code encoding: base64}) rather than text when the body is UTF-8
     * @param truncate     at most this many body bytes, or -1 for all
     * @param messageCount the messages left in the queue after this one
     */
    static Map<String, Object> message(QueuedMessage queued, boolean base64, int truncate, int messageCount) {
        byte[] body = queued.message().body();
        byte[] shown = truncate >= 0 && body.length > truncate ? Arrays.copyOf(body, truncate) : body;
        String text = base64 ? null : FieldTableJson.utf8(shown);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", queued.message().id());
        json.put("payload_bytes", body.length);
        json.put("redelivered", queued.redelivered());
        json.put("exchange", queued.message().exchange());
        json.put("routing_key", queued.message().routingKey());
        json.put("message_count", messageCount);
        json.put("properties", properties(queued.message().properties()));
        json.put("payload", text != null ? text : Base64.getEncoder().encodeToString(shown));
        json.put("payload_encoding", text != null ? "string" : "base64");
        return json;
    }

    static Map<String, Object> properties(BasicProperties p) {
        Map<String, Object> json = new LinkedHashMap<>();
        putIfSet(json, "content_type", p.contentType());
        putIfSet(json, "content_encoding", p.contentEncoding());
        if (p.headers() != null) {
            json.put("headers", FieldTableJson.toJson(p.headers()));
        }
        putIfSet(json, "delivery_mode", p.deliveryMode());
        putIfSet(json, "priority", p.priority());
        putIfSet(json, "correlation_id", p.correlationId());
        putIfSet(json, "reply_to", p.replyTo());
        putIfSet(json, "expiration", p.expiration());
        putIfSet(json, "message_id", p.messageId());
        putIfSet(json, "timestamp", p.timestamp());
        putIfSet(json, "type", p.type());
        putIfSet(json, "user_id", p.userId());
        putIfSet(json, "app_id", p.appId());
        putIfSet(json, "cluster_id", p.clusterId());
        return json;
    }

    /** Properties from their JSON form (RabbitMQ's publish shape); 400 for a wrong type. */
    static BasicProperties properties(ObjectNode object) {
        JsonBody fields = new JsonBody(object);
        BasicProperties p = new BasicProperties();
        p.contentType(fields.text("content_type"));
        p.contentEncoding(fields.text("content_encoding"));
        ObjectNode headers = fields.objectField("headers");
        if (headers != null) {
            p.headers(FieldTableJson.fromJson(headers, "properties.headers"));
        }
        Long deliveryMode = fields.integer("delivery_mode", 1, 2);
        p.deliveryMode(deliveryMode == null ? null : deliveryMode.intValue());
        Long priority = fields.integer("priority", 0, 255);
        p.priority(priority == null ? null : priority.intValue());
        p.correlationId(fields.text("correlation_id"));
        p.replyTo(fields.text("reply_to"));
        p.expiration(fields.text("expiration"));
        p.messageId(fields.text("message_id"));
        p.timestamp(fields.integer("timestamp", 0, Long.MAX_VALUE));
        p.type(fields.text("type"));
        p.userId(fields.text("user_id"));
        p.appId(fields.text("app_id"));
        p.clusterId(fields.text("cluster_id"));
        return p;
    }

    /** A payload given as {@code payload} with {@code payload_encoding} {@code string} (default) or {@code base64}. */
    static byte[] payload(JsonBody body) {
        String payload = body.text("payload");
        if (payload == null) {
            return null;
        }
        String encoding = body.text("payload_encoding");
        if (encoding == null || encoding.equals("string")) {
            return payload.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } else if (encoding.equals("base64")) {
            try {
                return Base64.getDecoder().decode(payload);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("'payload' is not valid base64: " + e.getMessage());
            }
        }
        throw ApiError.badRequest("'payload_encoding' must be \"string\" or \"base64\", was \"" + encoding + "\"");
    }

    private static void putIfSet(Map<String, Object> json, String name, Object value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
