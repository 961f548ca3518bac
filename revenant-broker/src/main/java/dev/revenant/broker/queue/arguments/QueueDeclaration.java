package dev.revenant.broker.queue.arguments;

import java.util.Map;

/**
 * What a {@code queue.declare} asks for: the queue's name, its virtual host, its flags and its
 * argument table (null or empty when none). Input to {@link QueueArguments#parse} and
 * {@link QueueEquivalence#check}.
 */
public record QueueDeclaration(String vhost, String name, boolean durable, boolean exclusive, boolean autoDelete,
        Map<String, Object> arguments) {

    /** The argument table, never null. */
    public Map<String, Object> argumentsOrEmpty() {
        return arguments == null ? Map.of() : arguments;
    }
}
