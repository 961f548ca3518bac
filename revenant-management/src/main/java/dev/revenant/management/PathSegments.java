package dev.revenant.management;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a raw request path on {@code /} and percent-decodes each segment, so {@code %2F} inside
 * a segment (the vhost {@code /}) stays part of it. {@code +} stays a plus (it means a space only
 * in query strings). Empty segments (doubled or trailing slashes) are dropped. Pure.
 */
final class PathSegments {
    private PathSegments() {
    }

    /** The decoded segments of {@code rawPath}; {@link ApiError} 400 for a malformed escape or bad UTF-8. */
    static List<String> of(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(decode(raw));
            }
        }
        return segments;
    }

    /** Percent-decodes one segment as UTF-8. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            int escape = raw.indexOf('%', i);
            if (escape != i) {
                int end = escape < 0 ? raw.length() : escape;
                byte[] plain = raw.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(plain, 0, plain.length);
                i = end;
                continue;
            }
            if (i + 2 >= raw.length()) {
                throw ApiError.badRequest("malformed percent-escape in path segment '" + raw + "'");
            }
            int high = Character.digit(raw.charAt(i + 1), 16);
            int low = Character.digit(raw.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                throw ApiError.badRequest("malformed percent-escape in path segment '" + raw + "'");
            }
            bytes.write(high << 4 | low);
            i += 3;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw ApiError.badRequest("path segment '" + raw + "' is not UTF-8 once decoded");
        }
    }
}
