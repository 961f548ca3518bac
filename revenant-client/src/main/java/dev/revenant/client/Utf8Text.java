package dev.revenant.client;

/**
 * UTF-8 sizes and truncation of Java strings without encoding them: a truncated string never ends
 * in half a surrogate pair, and its UTF-8 form never exceeds the byte limit it was cut to.
 */
final class Utf8Text {
    static final String ELLIPSIS = "\u2026";
    private static final int ELLIPSIS_BYTES = 3;

    private Utf8Text() {
    }

    /** Bytes of {@code text} in UTF-8 (a lone surrogate counts as the one byte '?' it encodes to). */
    static int byteLength(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            bytes += charBytes(text, i);
            if (Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            }
        }
        return bytes;
    }

    /**
     * {@code text} itself if it fits in {@code maxBytes}, otherwise its longest prefix that fits
     * together with a trailing ellipsis (or an empty string if not even that fits).
     */
    static String truncate(String text, int maxBytes) {
        if (byteLength(text) <= maxBytes) {
            return text;
        }
        if (maxBytes < ELLIPSIS_BYTES) {
            return "";
        }
        int limit = maxBytes - ELLIPSIS_BYTES;
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int step = isPair(text, end) ? 2 : 1;
            int size = charBytes(text, end);
            if (bytes + size > limit) {
                break;
            }
            bytes += size;
            end += step;
        }
        return text.substring(0, end) + ELLIPSIS;
    }

    private static boolean isPair(CharSequence text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }

    /** UTF-8 bytes of the code point starting at {@code i} (4 for a pair, 1 for a lone surrogate). */
    private static int charBytes(CharSequence text, int i) {
        char c = text.charAt(i);
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800) {
            return 2;
        }
        if (Character.isSurrogate(c)) {
            return isPair(text, i) ? 4 : 1;
        }
        return 3;
    }
}
