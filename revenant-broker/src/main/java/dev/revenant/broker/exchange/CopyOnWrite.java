package dev.revenant.broker.exchange;

import java.util.ArrayList;
import java.util.List;

/**
 * Immutable-list updates for routing tables read concurrently without locks. A destination may
 * appear several times (one per binding with the same key and different arguments).
 */
final class CopyOnWrite {
    private CopyOnWrite() {
    }

    static List<Destination> with(List<Destination> list, Destination d) {
        List<Destination> next = list == null ? new ArrayList<>(1) : new ArrayList<>(list);
        next.add(d);
        return List.copyOf(next);
    }

    /** The list without one occurrence of d; null when that leaves it empty. */
    static List<Destination> without(List<Destination> list, Destination d) {
        List<Destination> next = new ArrayList<>(list);
        next.remove(d);
        return next.isEmpty() ? null : List.copyOf(next);
    }
}
