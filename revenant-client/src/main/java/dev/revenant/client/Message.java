package dev.revenant.client;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;

/**
 * One delivered message as a handler sees it: body, properties, where it came from and which
 * attempt this is. Immutable from the handler's side; the toolkit does the acknowledging.
 */
public final class Message {
    private final byte[] body;
    private final AMQP.BasicProperties properties;
    private final Envelope envelope;
    private final int attempt;

    Message(byte[] body, AMQP.BasicProperties properties, Envelope envelope, int attempt) {
        this.body = body == null ? new byte[0] : body;
        this.properties = properties == null ? new AMQP.BasicProperties() : properties;
        this.envelope = envelope;
        this.attempt = attempt;
    }

    /** A copy of the body. */
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The AMQP properties as published. */
    public AMQP.BasicProperties properties() {
        return properties;
    }

    /** The {@code message-id} property, or null when the publisher set none. */
    public String messageId() {
        return properties.getMessageId();
    }

    /** The headers (never null, read-only). */
    public Map<String, Object> headers() {
        Map<String, Object> headers = properties.getHeaders();
        return headers == null ? Map.of() : Collections.unmodifiableMap(headers);
    }

    /** The exchange the message was published to (empty for the default exchange). */
    public String exchange() {
        return envelope.getExchange();
    }

    /** The routing key it was published with. */
    public String routingKey() {
        return envelope.getRoutingKey();
    }

    /** Whether the broker delivered it before (to this or another consumer) without an ack. */
    public boolean redelivered() {
        return envelope.isRedeliver();
    }

    /** 1-based number of this processing attempt: 1 on first delivery, 2 on the first retry... */
    public int attempt() {
        return attempt;
    }

    @Override
    public String toString() {
        return "Message[id=" + messageId() + ", routingKey=" + routingKey() + ", attempt=" + attempt
                + ", bytes=" + body.length + "]";
    }
}
