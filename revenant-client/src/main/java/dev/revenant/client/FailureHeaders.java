package dev.revenant.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the headers that record why a message was dead-lettered. Invariant: the encoded size of
 * the returned headers (as an AMQP field table) never exceeds the budget, however long the
 * failure's message or stack trace, so a message that fails again and again never outgrows the
 * frame size: the headers are replaced on each failure, never appended to.
 */
final class FailureHeaders {
    /** Smallest budget that still leaves room for every field. */
    static final int MIN_BUDGET = 1024;
    /** Largest budget: well under the smallest frame size a broker may negotiate (4096) times 8. */
    static final int MAX_BUDGET = 32 * 1024;
    static final int DEFAULT_BUDGET = 4 * 1024;

    private static final int MAX_CLASS_BYTES = 256;
    private static final int MAX_CONSUMER_BYTES = 128;
    private static final int MAX_MESSAGE_BYTES = 1024;
    private static final int MAX_LINE_MESSAGE_BYTES = 160;
    private static final int MAX_CAUSES = 8;
    static final String TRIMMED = "\t... (trimmed)";

    private FailureHeaders() {
    }

    /** The failure headers for {@code failure}, within {@code budgetBytes} once encoded. */
    static Map<String, Object> describe(Throwable failure, String consumer, Instant at, int attempts, int budgetBytes) {
        if (budgetBytes < MIN_BUDGET) {
            throw new IllegalArgumentException("failure-header budget must be at least " + MIN_BUDGET + " bytes");
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(MessageHeaders.EXCEPTION_CLASS, Utf8Text.truncate(failure.getClass().getName(), MAX_CLASS_BYTES));
        headers.put(MessageHeaders.FAILED_CONSUMER, Utf8Text.truncate(consumer, MAX_CONSUMER_BYTES));
        headers.put(MessageHeaders.FAILED_AT, at.toString());
        headers.put(MessageHeaders.ATTEMPTS, attempts);
        int remaining = budgetBytes - encodedSize(headers)
                - entryOverhead(MessageHeaders.EXCEPTION_MESSAGE) - entryOverhead(MessageHeaders.EXCEPTION_STACKTRACE);
        String message = Utf8Text.truncate(safeMessage(failure), Math.min(MAX_MESSAGE_BYTES, remaining / 3));
        headers.put(MessageHeaders.EXCEPTION_MESSAGE, message);
        headers.put(MessageHeaders.EXCEPTION_STACKTRACE, stackTrace(failure, remaining - Utf8Text.byteLength(message)));
        return headers;
    }

    /**
     * The failure's stack trace with its causes, one frame per line, cut at a line boundary so its
     * UTF-8 form fits {@code maxBytes}; a cut is marked by a last line {@code ... (trimmed)}. Each
     * exception's message is shortened on its own line (the message has a header of its own), so
     * a huge message cannot crowd out the frames.
     */
    static String stackTrace(Throwable failure, int maxBytes) {
        List<String> lines = stackTraceLines(failure);
        int markerBytes = Utf8Text.byteLength(TRIMMED) + 1;
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < lines.size(); i++) {
            int lineBytes = Utf8Text.byteLength(lines.get(i)) + (i == 0 ? 0 : 1);
            int reserve = i == lines.size() - 1 ? 0 : markerBytes;
            if (used + lineBytes + reserve > maxBytes) {
                if (used + markerBytes <= maxBytes) {
                    out.append(i == 0 ? "" : "\n").append(TRIMMED);
                }
                break;
            }
            out.append(i == 0 ? "" : "\n").append(lines.get(i));
            used += lineBytes;
        }
        return out.toString();
    }

    private static List<String> stackTraceLines(Throwable failure) {
        List<String> lines = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = failure;
        while (current != null && seen.add(current)) {
            if (seen.size() > MAX_CAUSES) {
                lines.add("Caused by: ... (further causes omitted)");
                break;
            }
            String heading = (current == failure ? "" : "Caused by: ") + current.getClass().getName();
            String message = safeMessage(current);
            if (!message.isEmpty()) {
                heading += ": " + Utf8Text.truncate(message, MAX_LINE_MESSAGE_BYTES);
            }
            lines.add(heading);
            for (StackTraceElement frame : current.getStackTrace()) {
                lines.add("\tat " + frame);
            }
            current = current.getCause();
        }
        return lines;
    }

    private static String safeMessage(Throwable failure) {
        try {
            String message = failure.getMessage();
            return message == null ? "" : message;
        } catch (RuntimeException e) {
            return "(getMessage() threw " + e.getClass().getName() + ")";
        }
    }

    /**
     * Encoded size of a field table holding String and Integer values, as AMQP 0-9-1 writes it:
     * per entry a short-string key (1 + n bytes), a type octet, then 4 + n bytes for a long string
     * or 4 for an integer.
     */
    static int encodedSize(Map<String, Object> headers) {
        int size = 0;
        for (Map.Entry<String, Object> entry : headers.entrySet()) {
            size += entryOverhead(entry.getKey());
            Object value = entry.getValue();
            if (value instanceof String text) {
                size += Utf8Text.byteLength(text);
            } else if (!(value instanceof Integer)) {
                throw new IllegalArgumentException("unexpected header value type " + value.getClass());
            }
        }
        return size;
    }

    private static int entryOverhead(String key) {
        return 1 + Utf8Text.byteLength(key) + 1 + 4;
    }
}
