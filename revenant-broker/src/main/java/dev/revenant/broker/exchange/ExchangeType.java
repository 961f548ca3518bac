package dev.revenant.broker.exchange;

import java.util.Map;
import java.util.function.Consumer;

/**
 * How one kind of exchange matches bindings against a message. Instances hold the bindings of
 * one exchange: writes come serialised from the virtual host, routing runs concurrently on many
 * connection threads, so implementations must make {@link #route} safe against concurrent writes.
 */
public interface ExchangeType {
    /** The AMQP type name, e.g. {@code topic}. */
    String typeName();

    void add(Binding binding);

    void remove(Binding binding);

    /** Reports each matching destination (duplicates allowed; the caller de-duplicates). */
    void route(String routingKey, Map<String, Object> headers, Consumer<Destination> out);
}
