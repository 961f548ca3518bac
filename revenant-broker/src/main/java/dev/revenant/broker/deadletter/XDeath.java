package dev.revenant.broker.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the headers of a dead-lettered message exactly as RabbitMQ writes them (layout, types
 * and field order read off the wire from a 3.10 node; {@code x-last-death-*} as 3.13+ adds them).
 *
 * <p>{@code x-death} is an array of tables, one per (queue, reason), most recent first, each with
 * {@code count} (long), {@code reason}, {@code queue}, {@code time} (timestamp of the first such
 * death), {@code exchange}, {@code routing-keys} (array) and, when the message had one,
 * {@code original-expiration}. A repeat of a (queue, reason) increments its entry's count and
 * moves it to the front, keeping its other fields. {@code x-first-death-reason/queue/exchange} are
 * written with the first entry and never changed; {@code x-last-death-*} follow every death. The
 * header table comes back sorted by key, as RabbitMQ leaves it.
 */
public final class XDeath {
    /** Byte order of UTF-8 keys, which is how RabbitMQ sorts tables. */
    private static final Comparator<String> KEY_ORDER = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private XDeath() {
    }

    /**
     * The message's headers after one more death. {@code headers} (null for none) is not changed.
     * An {@code x-death} that is not an array is replaced, as if absent; an entry without a
     * numeric count is taken to have counted one death.
     */
    public static Map<String, Object> record(Map<String, Object> headers, Death death) {
        Map<String, Object> result = new LinkedHashMap<>(headers == null ? Map.of() : headers);
        Object history = result.get("x-death");
        if (history instanceof List<?> entries) {
            result.put("x-death", withDeath(entries, death));
        } else {
            // The very first death: RabbitMQ writes this entry unsorted and (re)sets the first-death headers.
            List<Object> entries = new ArrayList<>();
            entries.add(newEntry(death));
            result.put("x-death", entries);
            result.put("x-first-death-reason", death.reason().wireName());
            result.put("x-first-death-queue", death.queue());
            result.put("x-first-death-exchange", death.exchange());
        }
        result.put("x-last-death-reason", death.reason().wireName());
        result.put("x-last-death-queue", death.queue());
        result.put("x-last-death-exchange", death.exchange());
        return sorted(result);
    }

    private static List<Object> withDeath(List<?> entries, Death death) {
        Map<String, Object> found = null;
        List<Object> others = new ArrayList<>();
        for (Object entry : entries) {
            if (isEntryFor(entry, death)) {
                // Later duplicates of the same (queue, reason) are dropped, as RabbitMQ does.
                if (found == null) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> table = (Map<String, Object>) entry;
                    found = table;
                }
            } else {
                others.add(entry instanceof Map<?, ?> table ? new LinkedHashMap<>(table) : entry);
            }
        }
        Map<String, Object> front;
        if (found == null) {
            front = sorted(newEntry(death));
        } else {
            front = new LinkedHashMap<>(found);
            Object count = found.get("count");
            front.put("count", (count instanceof Number n ? n.longValue() : 1L) + 1L);
            front = sorted(front);
        }
        List<Object> result = new ArrayList<>(others.size() + 1);
        result.add(front);
        result.addAll(others);
        return result;
    }

    private static Map<String, Object> newEntry(Death death) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("count", 1L);
        entry.put("reason", death.reason().wireName());
        entry.put("queue", death.queue());
        entry.put("time", Instant.ofEpochSecond(death.time().getEpochSecond()));
        entry.put("exchange", death.exchange());
        entry.put("routing-keys", new ArrayList<Object>(death.routingKeys()));
        if (death.originalExpiration() != null) {
            entry.put("original-expiration", death.originalExpiration());
        }
        return entry;
    }

    private static boolean isEntryFor(Object entry, Death death) {
        return entry instanceof Map<?, ?> table
                && death.queue().equals(DeathHistory.text(table.get("queue")))
                && death.reason().wireName().equals(DeathHistory.text(table.get("reason")));
    }

    private static Map<String, Object> sorted(Map<String, Object> table) {
        Map<String, Object> result = new LinkedHashMap<>();
        table.keySet().stream().sorted(KEY_ORDER).forEach(key -> result.put(key, table.get(key)));
        return result;
    }
}
