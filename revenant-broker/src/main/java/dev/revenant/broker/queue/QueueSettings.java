package dev.revenant.broker.queue;

import dev.revenant.broker.queue.arguments.QueueArguments;
import dev.revenant.broker.queue.arguments.QueueDeclaration;

/**
 * The declared shape of a queue: the declaration as the client sent it and its arguments,
 * validated and typed. Immutable.
 */
public record QueueSettings(QueueDeclaration declaration, QueueArguments arguments) {

    /** Validates a declaration (406 with RabbitMQ's text naming the bad argument). */
    public static QueueSettings of(QueueDeclaration declaration) {
        return new QueueSettings(declaration, QueueArguments.parse(declaration));
    }

    public String name() { return declaration.name(); }
    public boolean durable() { return declaration.durable(); }
    public boolean exclusive() { return declaration.exclusive(); }
    public boolean autoDelete() { return declaration.autoDelete(); }
    public int maxPriority() { return arguments.maxPriority().orElse(0); }
    public boolean singleActiveConsumer() { return arguments.singleActiveConsumer(); }
    /** {@code x-expires} in ms, 0 when the queue never expires. */
    public long expiresMillis() { return arguments.expires().orElse(0); }
}
