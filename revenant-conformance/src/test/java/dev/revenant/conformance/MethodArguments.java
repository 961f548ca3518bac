package dev.revenant.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Hand-encodes one AMQP method frame payload (class id, method id, arguments), so raw-socket
 * tests can send exactly the bytes a misbehaving client would.
 */
final class MethodArguments {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private MethodArguments() {
    }

    /** Fields without class and method ids (a content header's property list). */
    static MethodArguments fields() {
        return new MethodArguments();
    }

    static MethodArguments method(int classId, int methodId) {
        return new MethodArguments().shortInt(classId).shortInt(methodId);
    }

    MethodArguments octet(int value) {
        out.write(value);
        return this;
    }

    MethodArguments shortInt(int value) {
        out.write(value >>> 8);
        out.write(value);
        return this;
    }

    MethodArguments longInt(long value) {
        shortInt((int) (value >>> 16));
        return shortInt((int) value);
    }

    MethodArguments longLong(long value) {
        longInt(value >>> 32);
        return longInt(value);
    }

    MethodArguments shortString(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        octet(bytes.length);
        out.writeBytes(bytes);
        return this;
    }

    MethodArguments longString(byte[] bytes) {
        longInt(bytes.length);
        out.writeBytes(bytes);
        return this;
    }

    MethodArguments emptyTable() {
        return longInt(0);
    }

    /** A field table from its already-encoded content (the length prefix is added here). */
    MethodArguments table(byte[] content) {
        return longString(content);
    }

    /** Consecutive bit arguments packed into one octet, first bit lowest. */
    MethodArguments bits(boolean... bits) {
        int packed = 0;
        for (int i = 0; i < bits.length; i++) {
            if (bits[i]) {
                packed |= 1 << i;
            }
        }
        return octet(packed);
    }

    MethodArguments raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
