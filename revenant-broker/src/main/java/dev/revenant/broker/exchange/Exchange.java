package dev.revenant.broker.exchange;

import dev.revenant.broker.queue.arguments.ExchangeDeclaration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exchange: its declared shape and the bindings whose source it is. Routing is delegated to
 * its {@link ExchangeType}; binding changes come from the virtual host, one at a time.
 */
public final class Exchange implements Destination {
    private final String name;
    private final ExchangeType type;
    private final boolean durable;
    private final boolean autoDelete;
    private final boolean internal;
    private final Map<String, Object> arguments;
    private final Set<Binding> bindings = ConcurrentHashMap.newKeySet();

    public Exchange(String name, ExchangeType type, boolean durable, boolean autoDelete, boolean internal, Map<String, Object> arguments) {
        this.name = name;
        this.type = type;
        this.durable = durable;
        this.autoDelete = autoDelete;
        this.internal = internal;
        this.arguments = arguments == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arguments));
    }

    @Override
    public String name() { return name; }

    @Override
    public boolean isQueue() { return false; }

    public String typeName() { return type.typeName(); }
    public ExchangeType type() { return type; }
    public boolean durable() { return durable; }
    public boolean autoDelete() { return autoDelete; }
    public boolean internal() { return internal; }
    public Map<String, Object> arguments() { return arguments; }

    /** This exchange as a declaration in the given virtual host, for redeclare checks. */
    public ExchangeDeclaration declaration(String vhost) {
        return new ExchangeDeclaration(vhost, name, type.typeName(), durable, autoDelete, internal, arguments);
    }

    /** The alternate exchange's name, or null. */
    public String alternateExchange() {
        Object ae = arguments.get("alternate-exchange");
        return ae instanceof String s ? s : null;
    }

    /** Adds a binding; false if an identical one exists. */
    public boolean bind(Binding binding) {
        if (!bindings.add(binding)) {
            return false;
        }
        type.add(binding);
        return true;
    }

    /** Removes a binding; false if there was none. */
    public boolean unbind(Binding binding) {
        if (!bindings.remove(binding)) {
            return false;
        }
        type.remove(binding);
        return true;
    }

    public Set<Binding> bindings() {
        return Set.copyOf(bindings);
    }

    public boolean hasBindings() {
        return !bindings.isEmpty();
    }

    @Override
    public String toString() {
        return "exchange '" + name + "'";
    }
}
