package dev.revenant.broker.routing;

import java.util.HashSet;
import java.util.Set;

/** Copy-on-write helpers for the immutable destination sets readers see. */
final class Destinations {
    private Destinations() {
    }

    static <D> Set<D> with(Set<D> set, D destination) {
        Set<D> copy = new HashSet<>(set);
        copy.add(destination);
        return Set.copyOf(copy);
    }

    static <D> Set<D> without(Set<D> set, D destination) {
        Set<D> copy = new HashSet<>(set);
        copy.remove(destination);
        return Set.copyOf(copy);
    }
}
