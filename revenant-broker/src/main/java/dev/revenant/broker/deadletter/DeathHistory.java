package dev.revenant.broker.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the dead-lettering history out of a message's headers: the {@code x-death} entries, most
 * recent first, and where the message was first dead-lettered from (for redrive). Anything
 * malformed is skipped rather than refused.
 */
public final class DeathHistory {
    private DeathHistory() {
    }

    /** The {@code x-death} entries, most recent first; empty when there are none. */
    public static List<DeathEntry> entries(Map<String, Object> headers) {
        List<DeathEntry> result = new ArrayList<>();
        if (headers != null && headers.get("x-death") instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> table) {
                    result.add(entry(table));
                }
            }
        }
        return result;
    }

    /**
     * Where the message was first dead-lettered from: {@code x-first-death-queue} and
     * {@code x-first-death-exchange}, with the routing keys of the matching {@code x-death} entry
     * (empty when that entry is gone). Empty when the message was never dead-lettered.
     */
    public static Optional<Origin> origin(Map<String, Object> headers) {
        if (headers == null) {
            return Optional.empty();
        }
        String queue = text(headers.get("x-first-death-queue"));
        String exchange = text(headers.get("x-first-death-exchange"));
        String reason = text(headers.get("x-first-death-reason"));
        if (queue == null || exchange == null) {
            return Optional.empty();
        }
        List<String> keys = List.of();
        for (DeathEntry entry : entries(headers)) {
            if (entry.queue().equals(queue) && entry.reason().equals(reason)) {
                keys = entry.routingKeys();
                break;
            }
        }
        return Optional.of(new Origin(queue, exchange, keys));
    }

    /**
     * Where a dead-lettered message first came from.
     *
     * @param queue       the queue it was first dead-lettered from
     * @param exchange    the exchange it had been published to
     * @param routingKeys the keys it had been published with (routing key and CC)
     */
    public record Origin(String queue, String exchange, List<String> routingKeys) {
        public Origin {
            routingKeys = List.copyOf(routingKeys);
        }
    }

    private static DeathEntry entry(Map<?, ?> table) {
        String queue = text(table.get("queue"));
        String reason = text(table.get("reason"));
        long count = table.get("count") instanceof Number n ? n.longValue() : 1L;
        List<String> keys = new ArrayList<>();
        if (table.get("routing-keys") instanceof List<?> list) {
            for (Object key : list) {
                String text = text(key);
                if (text != null) {
                    keys.add(text);
                }
            }
        }
        return new DeathEntry(queue == null ? "" : queue, reason == null ? "" : reason, count,
                Optional.ofNullable(text(table.get("exchange"))), keys, Optional.ofNullable(time(table.get("time"))),
                Optional.ofNullable(text(table.get("original-expiration"))));
    }

    /** A string or binary header value as text; null for anything else. */
    static String text(Object value) {
        if (value instanceof String s) {
            return s;
        } else if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return null;
    }

    private static Instant time(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        } else if (value instanceof Date date) {
            return date.toInstant();
        }
        return null;
    }
}
