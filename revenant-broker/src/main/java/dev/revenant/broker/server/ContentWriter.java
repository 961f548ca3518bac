package dev.revenant.broker.server;

import dev.revenant.amqp.AmqpSpec;
import dev.revenant.amqp.Frames;
import dev.revenant.broker.message.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Writes a message's content header and body frames after a content-carrying method frame.
 * Small bodies are copied into the frame buffer (cheaper than one more buffer); large ones are
 * written from the message's own array without copying, split at the negotiated frame size.
 */
final class ContentWriter {
    private static final int COPY_THRESHOLD = 4096;

    private ContentWriter() {
    }

    /** Appends content frames to {@code out} (which holds the method frame) and writes everything. */
    static void write(AmqpConnection connection, ByteBuf out, int channel, Message message, byte[] encodedProperties) {
        byte[] body = message.body();
        Frames.contentHeader(out, channel, AmqpSpec.CLASS_BASIC, body.length, Unpooled.wrappedBuffer(encodedProperties));
        int maxPayload = connection.frameMax - Frames.ENVELOPE_SIZE;
        int offset = 0;
        while (offset < body.length) {
            int length = Math.min(maxPayload, body.length - offset);
            Frames.bodyFrameHead(out, channel, length);
            if (length <= COPY_THRESHOLD) {
                out.writeBytes(body, offset, length);
            } else {
                connection.write(out);
                connection.write(Unpooled.wrappedBuffer(body, offset, length));
                out = connection.buffer();
            }
            out.writeByte(AmqpSpec.FRAME_END);
            offset += length;
        }
        connection.write(out);
    }
}
