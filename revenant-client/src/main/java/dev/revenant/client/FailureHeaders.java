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
     * The failure's stack trace with its causes, cut so its UTF-8 form fits {@code maxBytes}. Every
     * exception in the chain keeps its heading line (a root cause is often the most telling part);
     * frames are then granted round-robin, the top frames of each exception first, and the frames
     * left out are counted on a {@code ... N more} line, as the JDK does for frames a cause shares
     * with the exception that wraps it. Each heading carries the message shortened (the message has
     * a header of its own), so a huge message cannot crowd out the frames.
     */
    static String stackTrace(Throwable failure, int maxBytes) {
        List<Section> sections = sections(failure);
        int used = 0;
        for (Section section : sections) {
            used += section.bytes();
        }
        if (used > maxBytes) {
            return Utf8Text.truncate(render(sections), Math.max(0, maxBytes));
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Section section : sections) {
                if (section.shown < section.frames.size()) {
                    int before = section.bytes();
                    section.shown++;
                    if (used - before + section.bytes() <= maxBytes) {
                        used += section.bytes() - before;
                        grew = true;
                    } else {
                        section.shown--;
                    }
                }
            }
        }
        return render(sections);
    }

    /** One exception of the chain: its heading, its own frames, and how many of them are shown. */
    private static final class Section {
        final String heading;
        final List<String> frames;
        final int shared;
        final boolean first;
        int shown;

        Section(String heading, List<String> frames, int shared, boolean first) {
            this.heading = heading;
            this.frames = frames;
            this.shared = shared;
            this.first = first;
        }

        int omitted() {
            return frames.size() - shown + shared;
        }

        String moreLine() {
            return "\t... " + omitted() + " more";
        }

        /** UTF-8 bytes of this section, each line with its leading newline (none before the very first). */
        int bytes() {
            int bytes = Utf8Text.byteLength(heading) + (first ? 0 : 1);
            for (int i = 0; i < shown; i++) {
                bytes += 1 + Utf8Text.byteLength(frames.get(i));
            }
            return omitted() > 0 ? bytes + 1 + moreLine().length() : bytes;
        }
    }

    private static String render(List<Section> sections) {
        StringBuilder out = new StringBuilder();
        for (Section section : sections) {
            out.append(section.first ? "" : "\n").append(section.heading);
            for (int i = 0; i < section.shown; i++) {
                out.append('\n').append(section.frames.get(i));
            }
            if (section.omitted() > 0) {
                out.append('\n').append(section.moreLine());
            }
        }
        return out.toString();
    }

    private static List<Section> sections(Throwable failure) {
        List<Section> sections = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        StackTraceElement[] enclosing = new StackTraceElement[0];
        for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
            if (seen.size() > MAX_CAUSES) {
                sections.add(new Section("Caused by: ... (further causes omitted)", List.of(), 0, false));
                break;
            }
            String heading = (current == failure ? "" : "Caused by: ") + current.getClass().getName();
            String message = safeMessage(current);
            if (!message.isEmpty()) {
                heading += ": " + Utf8Text.truncate(message, MAX_LINE_MESSAGE_BYTES);
            }
            StackTraceElement[] trace = current.getStackTrace();
            int shared = 0;
            while (shared < trace.length && shared < enclosing.length
                    && trace[trace.length - 1 - shared].equals(enclosing[enclosing.length - 1 - shared])) {
                shared++;
            }
            List<String> frames = new ArrayList<>();
            for (int i = 0; i < trace.length - shared; i++) {
                frames.add("\tat " + trace[i]);
            }
            sections.add(new Section(heading, frames, shared, current == failure));
            enclosing = trace;
        }
        return sections;
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
