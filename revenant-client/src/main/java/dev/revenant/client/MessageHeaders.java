package dev.revenant.client;

import com.rabbitmq.client.AMQP;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The header names the toolkit reads and writes. The toolkit never writes {@code x-death}: that
 * header belongs to the broker, so attempt and replay counts live in headers of their own.
 */
public final class MessageHeaders {
    /** Attempts already made to process the message (absent means none). */
    public static final String ATTEMPTS = "x-attempts";
    /** How many times a dead-letter replayer has sent the message back to its work queue. */
    public static final String REPLAY_COUNT = "x-replay-count";
    /** Fully qualified class name of the failure that dead-lettered the message. */
    public static final String EXCEPTION_CLASS = "x-exception-class";
    /** The failure's message, trimmed to fit the failure-header budget. */
    public static final String EXCEPTION_MESSAGE = "x-exception-message";
    /** The failure's stack trace (with causes), trimmed to fit the failure-header budget. */
    public static final String EXCEPTION_STACKTRACE = "x-exception-stacktrace";
    /** Name of the consumer whose handler failed. */
    public static final String FAILED_CONSUMER = "x-failed-consumer";
    /** When the failure happened, as an ISO-8601 instant. */
    public static final String FAILED_AT = "x-failed-at";
    /** Retries a broker with native retry ({@code x-retry-delays}) has made; written by the broker. */
    public static final String BROKER_RETRY_COUNT = "x-retry-count";

    private MessageHeaders() {
    }

    /**
     * Reads a non-negative count header whatever numeric or text type a publisher used; a missing,
     * negative or unreadable value counts as 0.
     */
    public static int count(Map<String, Object> headers, String name) {
        if (headers == null) {
            return 0;
        }
        Object value = headers.get(name);
        long count;
        if (value instanceof Number number) {
            count = number.longValue();
        } else if (value != null) {
            try {
                count = Long.parseLong(value.toString().trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        } else {
            return 0;
        }
        if (count < 0) {
            return 0;
        }
        return (int) Math.min(count, Integer.MAX_VALUE);
    }

    /**
     * A copy of {@code properties} whose headers have {@code removed} taken out and {@code added}
     * put in; every other property (message id, delivery mode, correlation id...) is kept.
     */
    static AMQP.BasicProperties withHeaders(AMQP.BasicProperties properties, Map<String, Object> added,
                                            Collection<String> removed) {
        Map<String, Object> headers = properties.getHeaders() == null
                ? new LinkedHashMap<>() : new LinkedHashMap<>(properties.getHeaders());
        removed.forEach(headers::remove);
        headers.putAll(added);
        return properties.builder().headers(headers).build();
    }
}
