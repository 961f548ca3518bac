package dev.revenant.broker.routing;

import java.util.Objects;
import java.util.Set;

/**
 * A fanout exchange's bindings: every bound destination gets every message; routing keys and
 * arguments only tell bindings apart. A destination bound several times stays until its last
 * binding goes. Routing reads one immutable set; writes are serialised here by a lock.
 */
public final class FanoutBindings<D> {
    private volatile Set<D> destinations = Set.of();
    private final BindingCounts<D> counts = new BindingCounts<>();

    /** Adds one binding of {@code destination}; true when it was not bound before. */
    public synchronized boolean bind(D destination) {
        Objects.requireNonNull(destination, "destination");
        if (!counts.add(destination)) {
            return false;
        }
        destinations = Destinations.with(destinations, destination);
        return true;
    }

    /** Removes one binding; true when it was the destination's last. Unknown ones are ignored. */
    public synchronized boolean unbind(D destination) {
        if (!counts.remove(destination)) {
            return false;
        }
        destinations = Destinations.without(destinations, destination);
        return true;
    }

    /** Every bound destination; immutable. */
    public Set<D> route() {
        return destinations;
    }
}
