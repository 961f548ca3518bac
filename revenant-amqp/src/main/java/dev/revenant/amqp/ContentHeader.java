package dev.revenant.amqp;

import io.netty.buffer.ByteBuf;

/**
 * A content-header frame's fixed part (class id, body size) plus its encoded properties, which
 * stay as bytes so they can be forwarded unchanged; decode them with {@link BasicProperties#decode}.
 */
public record ContentHeader(int classId, long bodySize, ByteBuf encodedProperties) {
    /** Reads a header payload; the properties slice shares the payload's memory. */
    public static ContentHeader read(ByteBuf payload) {
        if (payload.readableBytes() < 14) {
            throw new FrameFormatException("content header too short: " + payload.readableBytes() + " bytes");
        }
        int classId = payload.readUnsignedShort();
        payload.skipBytes(2); // weight, always 0
        long bodySize = payload.readLong();
        if (bodySize < 0) {
            throw new FrameFormatException("negative body size " + bodySize);
        }
        return new ContentHeader(classId, bodySize, payload.slice());
    }
}
