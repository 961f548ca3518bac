package dev.revenant.broker.server;

import dev.revenant.amqp.AmqpSpec;
import dev.revenant.amqp.BasicProperties;
import dev.revenant.amqp.ContentHeader;
import dev.revenant.broker.AmqpException;
import io.netty.buffer.ByteBuf;

/**
 * Collects one published message from its three parts, in the only order AMQP allows:
 * basic.publish, one content header, then body frames adding up to exactly the declared size.
 * Anything out of order is a 505 UNEXPECTED_FRAME connection error.
 */
final class ContentAssembler {
    /** A completely received publish. */
    record Publish(String exchange, String routingKey, boolean mandatory, BasicProperties properties,
                   byte[] encodedProperties, byte[] body) { }

    private final long maxMessageSize;
    private String exchange;
    private String routingKey;
    private boolean mandatory;
    private boolean awaitingHeader;
    private BasicProperties properties;
    private byte[] encodedProperties;
    private byte[] body;
    private int received;

    ContentAssembler(long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /** Whether a publish is waiting for its header or body (so a method frame now is out of order). */
    boolean inProgress() {
        return awaitingHeader || body != null;
    }

    void begin(String exchange, String routingKey, boolean mandatory) {
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.mandatory = mandatory;
        this.awaitingHeader = true;
    }

    /** Takes the header; returns the finished publish when the body is empty, else null. */
    Publish header(ByteBuf payload) {
        if (!awaitingHeader) {
            throw AmqpException.connection(AmqpSpec.UNEXPECTED_FRAME, "unexpected content header frame");
        }
        ContentHeader header = ContentHeader.read(payload);
        if (header.classId() != AmqpSpec.CLASS_BASIC) {
            throw AmqpException.connection(AmqpSpec.UNEXPECTED_FRAME, "content header for class " + header.classId() + " instead of basic");
        }
        awaitingHeader = false;
        if (header.bodySize() > maxMessageSize) {
            reset();
            throw AmqpException.channel(AmqpException.PRECONDITION_FAILED,
                    "message size " + header.bodySize() + " is larger than configured max size " + maxMessageSize);
        }
        ByteBuf props = header.encodedProperties();
        encodedProperties = new byte[props.readableBytes()];
        props.getBytes(props.readerIndex(), encodedProperties);
        properties = BasicProperties.decode(props.duplicate());
        body = new byte[(int) header.bodySize()];
        received = 0;
        return body.length == 0 ? finish() : null;
    }

    /** Takes a body frame; returns the finished publish once the declared size is reached. */
    Publish body(ByteBuf payload) {
        if (body == null || awaitingHeader) {
            throw AmqpException.connection(AmqpSpec.UNEXPECTED_FRAME, "unexpected content body frame");
        }
        int length = payload.readableBytes();
        if (received + length > body.length) {
            throw AmqpException.connection(AmqpSpec.UNEXPECTED_FRAME, "content body of " + (received + length)
                    + " bytes exceeds the declared size " + body.length);
        }
        payload.getBytes(payload.readerIndex(), body, received, length);
        received += length;
        return received == body.length ? finish() : null;
    }

    void reset() {
        awaitingHeader = false;
        body = null;
        properties = null;
        encodedProperties = null;
    }

    private Publish finish() {
        Publish publish = new Publish(exchange, routingKey, mandatory, properties, encodedProperties, body);
        reset();
        return publish;
    }
}
