package dev.revenant.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Hand-encodes the content of an AMQP field table (entries only, no length prefix), one typed
 * entry at a time, so raw-socket tests control every tag byte the broker sees.
 */
final class TableBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** An entry with a tag and an already-encoded value. */
    TableBytes entry(String key, char tag, byte[] value) {
        byte[] name = key.getBytes(StandardCharsets.UTF_8);
        out.write(name.length);
        out.writeBytes(name);
        out.write(tag);
        out.writeBytes(value);
        return this;
    }

    TableBytes bool(String key, boolean value) {
        return entry(key, 't', new byte[] {(byte) (value ? 1 : 0)});
    }

    TableBytes longString(String key, String value) {
        return entry(key, 'S', longStringValue(value.getBytes(StandardCharsets.UTF_8)));
    }

    TableBytes table(String key, TableBytes nested) {
        return entry(key, 'F', longStringValue(nested.bytes()));
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** A 32-bit length prefix followed by the bytes (long strings, tables, arrays, byte arrays). */
    static byte[] longStringValue(byte[] content) {
        return ByteBuffer.allocate(4 + content.length).putInt(content.length).put(content).array();
    }

    /** Client properties advertising the authentication_failure_close capability. */
    static byte[] clientPropertiesWithAuthenticationFailureClose() {
        return new TableBytes()
                .longString("product", "revenant-conformance")
                .table("capabilities", new TableBytes().bool("authentication_failure_close", true))
                .bytes();
    }
}
