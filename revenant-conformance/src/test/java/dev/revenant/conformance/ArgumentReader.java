package dev.revenant.conformance;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads AMQP method arguments in order; tables are only skipped or returned as raw bytes. */
final class ArgumentReader {
    private final ByteBuffer buffer;

    ArgumentReader(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    int octet() {
        return buffer.get() & 0xFF;
    }

    int shortInt() {
        return buffer.getShort() & 0xFFFF;
    }

    long longInt() {
        return buffer.getInt() & 0xFFFFFFFFL;
    }

    long longLong() {
        return buffer.getLong();
    }

    String shortString() {
        byte[] bytes = new byte[octet()];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    byte[] longString() {
        byte[] bytes = new byte[buffer.getInt()];
        buffer.get(bytes);
        return bytes;
    }

    /** A field table's encoded content, without its length prefix. */
    byte[] tableBytes() {
        return longString();
    }
}
