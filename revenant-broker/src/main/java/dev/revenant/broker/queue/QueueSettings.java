package dev.revenant.broker.queue;

import java.util.Map;

/**
 * The declared shape of a queue: flags and the arguments that change its behaviour, already
 * validated. Immutable; two declarations are equivalent when their settings are equal.
 */
public record QueueSettings(
        String name,
        boolean durable,
        boolean exclusive,
        boolean autoDelete,
        Map<String, Object> arguments,
        int maxPriority,
        boolean singleActiveConsumer,
        long expiresMillis) {

    public QueueSettings {
        arguments = arguments == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arguments));
    }
}
