package dev.revenant.broker.auth;

import dev.revenant.amqp.FieldCodec;
import dev.revenant.amqp.FrameFormatException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The user name and password carried by a connection.start-ok response, for the two mechanisms
 * the broker offers: PLAIN ("\0user\0password") and AMQPLAIN (a field table without its length).
 */
public record SaslResponse(String username, String password) {

    /** Parses a response; returns null when it is malformed for its mechanism. */
    public static SaslResponse parse(String mechanism, byte[] response) {
        if ("PLAIN".equals(mechanism)) {
            String text = new String(response, StandardCharsets.UTF_8);
            int first = text.indexOf('\0');
            int second = first < 0 ? -1 : text.indexOf('\0', first + 1);
            if (second < 0) {
                return null;
            }
            return new SaslResponse(text.substring(first + 1, second), text.substring(second + 1));
        }
        if ("AMQPLAIN".equals(mechanism)) {
            ByteBuf buf = Unpooled.buffer(response.length + 4);
            buf.writeInt(response.length).writeBytes(response);
            try {
                Map<String, Object> table = FieldCodec.readTable(buf);
                Object login = table.get("LOGIN");
                Object password = table.get("PASSWORD");
                return login instanceof String l && password instanceof String p ? new SaslResponse(l, p) : null;
            } catch (FrameFormatException | IndexOutOfBoundsException e) {
                return null;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "SaslResponse[username=" + username + "]"; // never the password, not even in logs
    }
}
