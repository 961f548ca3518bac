package dev.revenant.broker.routing;

import dev.revenant.broker.queue.arguments.FieldValues;
import dev.revenant.broker.queue.arguments.PreconditionFailedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RabbitMQ's sender-selected distribution: the {@code CC} and {@code BCC} headers (arrays of
 * strings, names case-sensitive) add routing keys to a publish; {@code BCC} is removed before the
 * message is stored or delivered. Non-string elements are ignored, as RabbitMQ does.
 */
public final class SenderSelectedDistribution {
    private SenderSelectedDistribution() {
    }

    /**
     * The keys a publish routes with: its routing key, then the CC keys, then the BCC keys.
     *
     * @throws PreconditionFailedException when CC or BCC is not an array, e.g. {@code invalid
     *         message: {unacceptable_type_in_header,"CC",longstr}}
     */
    public static List<String> routingKeys(String routingKey, Map<String, Object> headers) {
        List<String> keys = new ArrayList<>(1);
        keys.add(routingKey);
        if (headers != null) {
            addKeys(keys, headers, "CC");
            addKeys(keys, headers, "BCC");
        }
        return keys;
    }

    /**
     * The keys a stored message carries: its routing key and the CC keys. Dead-lettering without a
     * dead-letter routing key routes with these and records them in {@code x-death}.
     */
    public static List<String> storedRoutingKeys(String routingKey, Map<String, Object> headers) {
        List<String> keys = new ArrayList<>(1);
        keys.add(routingKey);
        if (headers != null && headers.get("CC") instanceof List) {
            addKeys(keys, headers, "CC");
        }
        return keys;
    }

    /** The headers without {@code BCC}; the same map when there was none. */
    public static Map<String, Object> withoutBcc(Map<String, Object> headers) {
        if (headers == null || !headers.containsKey("BCC")) {
            return headers;
        }
        Map<String, Object> copy = new LinkedHashMap<>(headers);
        copy.remove("BCC");
        return copy;
    }

    private static void addKeys(List<String> keys, Map<String, Object> headers, String header) {
        if (!headers.containsKey(header)) {
            return;
        }
        Object value = headers.get(header);
        if (!(value instanceof List<?> elements)) {
            throw new PreconditionFailedException("invalid message: {unacceptable_type_in_header,\"" + header + "\","
                    + FieldValues.typeName(value) + "}");
        }
        for (Object element : elements) {
            if (element instanceof String key) {
                keys.add(key);
            }
        }
    }
}
