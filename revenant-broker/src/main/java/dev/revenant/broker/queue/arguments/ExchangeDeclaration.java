package dev.revenant.broker.queue.arguments;

import java.util.Map;

/** What an {@code exchange.declare} asks for. Input to {@link ExchangeArguments}. */
public record ExchangeDeclaration(String vhost, String name, String type, boolean durable, boolean autoDelete,
        boolean internal, Map<String, Object> arguments) {

    /** The argument table, never null. */
    public Map<String, Object> argumentsOrEmpty() {
        return arguments == null ? Map.of() : arguments;
    }
}
