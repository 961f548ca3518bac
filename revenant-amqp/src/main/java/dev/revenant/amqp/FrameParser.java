package dev.revenant.amqp;

import io.netty.buffer.ByteBuf;

/**
 * Cuts complete frames out of a byte stream and hands each payload to a {@link FrameListener}.
 * Pure: no I/O, no state beyond the buffer; an incomplete frame is left unread for the next call.
 * Any malformed frame raises {@link FrameFormatException} before the listener sees it, with the
 * reply code RabbitMQ closes with (501, or 505 for a heartbeat on a channel).
 */
public final class FrameParser {
    /** Type(1) channel(2) size(4): all that is needed to judge a frame before its payload. */
    private static final int HEAD_SIZE = 7;

    private FrameParser() {
    }

    /** Receives frame payloads; each slice is valid only during the call (retain to keep it). */
    public interface FrameListener {
        void methodFrame(int channel, ByteBuf payload);

        void headerFrame(int channel, ByteBuf payload);

        void bodyFrame(int channel, ByteBuf payload);

        void heartbeatFrame(int channel);

        /** Whether the listener wants more frames now; false stops parsing (e.g. the connection closed). */
        default boolean acceptingFrames() {
            return true;
        }
    }

    /**
     * Parses every complete frame in {@code in}, advancing its reader index past them.
     *
     * @param maxFrameSize largest whole frame accepted (negotiated frame-max), envelope included
     */
    public static void parse(ByteBuf in, int maxFrameSize, FrameListener listener) {
        // The 7-byte head (type, channel, size) is judged as soon as it has arrived, so an oversized
        // or unknown frame is refused without waiting for, or buffering, any of its payload.
        while (in.readableBytes() >= HEAD_SIZE && listener.acceptingFrames()) {
            int start = in.readerIndex();
            int type = in.getUnsignedByte(start);
            int channel = in.getUnsignedShort(start + 1);
            long size = in.getUnsignedInt(start + 3);
            if (size + Frames.ENVELOPE_SIZE > maxFrameSize) {
                throw new FrameFormatException("frame size " + (size + Frames.ENVELOPE_SIZE)
                        + " larger than negotiated maximum " + maxFrameSize);
            }
            if (type != AmqpSpec.FRAME_METHOD && type != AmqpSpec.FRAME_HEADER && type != AmqpSpec.FRAME_BODY
                    && type != AmqpSpec.FRAME_HEARTBEAT) {
                throw new FrameFormatException("unknown frame type " + type);
            }
            if (type == AmqpSpec.FRAME_HEARTBEAT && size != 0) {
                throw new FrameFormatException("heartbeat frame with a " + size + "-byte payload");
            }
            if (type == AmqpSpec.FRAME_HEARTBEAT && channel != 0) {
                // RabbitMQ answers this one with 505, not 501
                throw new FrameFormatException(AmqpSpec.UNEXPECTED_FRAME, "heartbeat frame on channel " + channel);
            }
            int total = (int) size + Frames.ENVELOPE_SIZE;
            if (in.readableBytes() < total) {
                return;
            }
            int end = in.getUnsignedByte(start + total - 1);
            if (end != AmqpSpec.FRAME_END) {
                throw new FrameFormatException("frame end marker was " + end + ", expected " + AmqpSpec.FRAME_END);
            }
            ByteBuf payload = in.slice(start + HEAD_SIZE, (int) size);
            in.readerIndex(start + total);
            switch (type) {
                case AmqpSpec.FRAME_METHOD:
                    listener.methodFrame(channel, payload);
                    break;
                case AmqpSpec.FRAME_HEADER:
                    listener.headerFrame(channel, payload);
                    break;
                case AmqpSpec.FRAME_BODY:
                    listener.bodyFrame(channel, payload);
                    break;
                default:
                    listener.heartbeatFrame(channel);
                    break;
            }
        }
    }
}
