package dev.revenant.store.file;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Payload of one definitions-log record (framed like a message: length, CRC32C, payload).
 * Layout (big-endian): op:u8 (1 put, 2 remove), kindLength:u16, kind (UTF-8), nameLength:u16,
 * name (UTF-8), valueLength:i32 (-1 for remove), value. Invariant: decode(encode(x)) == x.
 */
record DefinitionRecords(boolean put, String kind, String name, byte[] value) {
    static final byte PUT = 1;
    static final byte REMOVE = 2;

    byte[] encode() {
        byte[] kindBytes = utf8(kind, "kind");
        byte[] nameBytes = utf8(name, "name");
        int valueLength = put ? value.length : 0;
        ByteBuffer buffer = ByteBuffer.allocate(1 + 2 + kindBytes.length + 2 + nameBytes.length + 4 + valueLength);
        buffer.put(put ? PUT : REMOVE)
                .putShort((short) kindBytes.length).put(kindBytes)
                .putShort((short) nameBytes.length).put(nameBytes)
                .putInt(put ? value.length : -1);
        if (put) {
            buffer.put(value);
        }
        return buffer.array();
    }

    /** Decodes a payload; throws IllegalArgumentException if it is malformed. */
    static DefinitionRecords decode(byte[] payload) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            byte op = buffer.get();
            if (op != PUT && op != REMOVE) {
                throw new IllegalArgumentException("unknown definition op " + op);
            }
            String kind = string(buffer);
            String name = string(buffer);
            int valueLength = buffer.getInt();
            byte[] value = null;
            if (op == PUT) {
                value = new byte[valueLength];
                buffer.get(value);
            }
            if (buffer.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes in definition record");
            }
            return new DefinitionRecords(op == PUT, kind, name, value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed definition record: " + e.getMessage(), e);
        }
    }

    private static String string(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.getShort() & 0xFFFF];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text, String what) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException(what + " longer than 65535 UTF-8 bytes");
        }
        return bytes;
    }
}
