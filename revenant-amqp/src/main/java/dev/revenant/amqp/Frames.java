package dev.revenant.amqp;

import io.netty.buffer.ByteBuf;

/**
 * Frame envelopes: type, channel, payload size, payload, frame-end. Writers reserve the size
 * field first and patch it in {@link #endFrame}, so a payload is written exactly once.
 */
public final class Frames {
    /** "AMQP" 0 0 9 1: the protocol header a 0-9-1 peer sends first. */
    public static final byte[] PROTOCOL_HEADER = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};
    /** Bytes of envelope around a payload: type(1) channel(2) size(4) ... frame-end(1). */
    public static final int ENVELOPE_SIZE = 8;

    private Frames() {
    }

    /** Starts a frame; returns the index of its size field for {@link #endFrame}. */
    public static int beginFrame(ByteBuf out, int type, int channel) {
        out.writeByte(type);
        out.writeShort(channel);
        int sizeIndex = out.writerIndex();
        out.writeInt(0);
        return sizeIndex;
    }

    /** Patches the payload size and writes frame-end. */
    public static void endFrame(ByteBuf out, int sizeIndex) {
        out.setInt(sizeIndex, out.writerIndex() - sizeIndex - 4);
        out.writeByte(AmqpSpec.FRAME_END);
    }

    /** Writes a content-header frame whose property flags and list are already encoded. */
    public static void contentHeader(ByteBuf out, int channel, int classId, long bodySize, ByteBuf encodedProperties) {
        int start = beginFrame(out, AmqpSpec.FRAME_HEADER, channel);
        out.writeShort(classId);
        out.writeShort(0);
        out.writeLong(bodySize);
        out.writeBytes(encodedProperties, encodedProperties.readerIndex(), encodedProperties.readableBytes());
        endFrame(out, start);
    }

    /** Writes the 7-byte envelope head of a body frame of the given length (the body follows). */
    public static void bodyFrameHead(ByteBuf out, int channel, int length) {
        out.writeByte(AmqpSpec.FRAME_BODY);
        out.writeShort(channel);
        out.writeInt(length);
    }

    /** Writes a heartbeat frame. */
    public static void heartbeat(ByteBuf out) {
        int start = beginFrame(out, AmqpSpec.FRAME_HEARTBEAT, 0);
        endFrame(out, start);
    }
}
