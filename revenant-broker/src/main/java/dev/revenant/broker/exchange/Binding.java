package dev.revenant.broker.exchange;

import java.util.Map;

/**
 * A binding from a source exchange to a destination with a routing key and arguments. Two
 * bindings are the same when all four are equal (destinations compare by identity).
 */
public record Binding(Exchange source, Destination destination, String routingKey, Map<String, Object> arguments) {
    public Binding {
        arguments = arguments == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arguments));
    }
}
