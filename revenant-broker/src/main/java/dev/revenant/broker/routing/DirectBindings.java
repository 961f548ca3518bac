package dev.revenant.broker.routing;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A direct exchange's bindings: destinations by exact routing key. Routing is one hash lookup
 * returning an immutable set, safe on any number of threads while bindings change; writes are
 * serialised here by a lock.
 */
public final class DirectBindings<D> {
    private final ConcurrentHashMap<String, Set<D>> byKey = new ConcurrentHashMap<>();
    private final BindingCounts<Entry> counts = new BindingCounts<>();

    private record Entry(String key, Object destination) {
    }

    /** Adds one binding; true when the pair was not routable before. Call once per binding. */
    public synchronized boolean bind(String routingKey, D destination) {
        Objects.requireNonNull(destination, "destination");
        if (!counts.add(new Entry(routingKey, destination))) {
            return false;
        }
        byKey.put(routingKey, Destinations.with(byKey.getOrDefault(routingKey, Set.of()), destination));
        return true;
    }

    /** Removes one binding; true when it was the pair's last. Unknown pairs are ignored (false). */
    public synchronized boolean unbind(String routingKey, D destination) {
        if (!counts.remove(new Entry(routingKey, destination))) {
            return false;
        }
        Set<D> left = Destinations.without(byKey.getOrDefault(routingKey, Set.of()), destination);
        if (left.isEmpty()) {
            byKey.remove(routingKey);
        } else {
            byKey.put(routingKey, left);
        }
        return true;
    }

    /** The destinations bound with exactly {@code routingKey}; immutable, empty when none. */
    public Set<D> route(String routingKey) {
        return byKey.getOrDefault(routingKey, Set.of());
    }

    /** Every destination bound with any of the keys (sender-selected CC/BCC), each once. */
    public void route(Collection<String> routingKeys, Consumer<? super D> sink) {
        if (routingKeys.size() == 1) {
            route(routingKeys.iterator().next()).forEach(sink);
            return;
        }
        Set<D> reported = new LinkedHashSet<>();
        for (String key : routingKeys) {
            for (D destination : route(key)) {
                if (reported.add(destination)) {
                    sink.accept(destination);
                }
            }
        }
    }

    /** Number of distinct (routing key, destination) pairs bound. */
    public synchronized int size() {
        return counts.size();
    }
}
