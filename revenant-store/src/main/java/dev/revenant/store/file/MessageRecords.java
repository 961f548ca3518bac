package dev.revenant.store.file;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Byte layout of one message in a segment: length:u32 (payload bytes, at most 2^31-65),
 * crc32c:u32 over the 4 length bytes then the payload, payload. Invariant: a record is valid only
 * if its checksum matches, so zeros or a torn write never decode as a message.
 */
final class MessageRecords {
    static final int HEADER_BYTES = 8;

    private MessageRecords() {
    }

    /** Checksum of a record with this payload; buffer positions are left unchanged. */
    static int checksum(int length, ByteBuffer... parts) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(4).putInt(0, length));
        for (ByteBuffer part : parts) {
            int position = part.position();
            crc.update(part);
            part.position(position);
        }
        return (int) crc.getValue();
    }

    static ByteBuffer header(int length, int checksum) {
        return ByteBuffer.allocate(HEADER_BYTES).putInt(length).putInt(checksum).flip();
    }

    /** A whole record, for tests and tools. */
    static byte[] encode(byte[] payload) {
        ByteBuffer body = ByteBuffer.wrap(payload);
        ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        record.put(header(payload.length, checksum(payload.length, body))).put(body);
        return record.array();
    }

    /**
     * The payload of the record starting at {@code buffer}'s position if the buffer holds a whole
     * valid one (position then moves past it), else null (position unchanged).
     */
    static byte[] decode(ByteBuffer buffer) {
        int start = buffer.position();
        if (buffer.remaining() < HEADER_BYTES) {
            return null;
        }
        int length = buffer.getInt(start);
        int expected = buffer.getInt(start + 4);
        if (length < 0 || length > buffer.remaining() - HEADER_BYTES) {
            return null;
        }
        ByteBuffer payload = buffer.slice(start + HEADER_BYTES, length);
        if (checksum(length, payload) != expected) {
            return null;
        }
        byte[] bytes = new byte[length];
        payload.get(bytes);
        buffer.position(start + HEADER_BYTES + length);
        return bytes;
    }
}
