package dev.revenant.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The AMQPLAIN response: a field table (without length prefix) holding LOGIN and PASSWORD. */
final class Amqplain {
    private Amqplain() {
    }

    static byte[] response(String user, String password) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entry(out, "LOGIN", user);
        entry(out, "PASSWORD", password);
        return out.toByteArray();
    }

    private static void entry(ByteArrayOutputStream out, String key, String value) {
        byte[] name = key.getBytes(StandardCharsets.UTF_8);
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        out.write(name.length);
        out.writeBytes(name);
        out.write('S');
        out.write(text.length >>> 24);
        out.write(text.length >>> 16);
        out.write(text.length >>> 8);
        out.write(text.length);
        out.writeBytes(text);
    }
}
