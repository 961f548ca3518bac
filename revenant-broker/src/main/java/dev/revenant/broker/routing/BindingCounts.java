package dev.revenant.broker.routing;

import java.util.HashMap;
import java.util.Map;

/**
 * How many bindings hold each routing entry. Two bindings may share an entry (same key and
 * destination, different arguments); the entry stays routable until the last one goes.
 * Touched only under the owning index's write lock.
 */
final class BindingCounts<K> {
    private final Map<K, Integer> counts = new HashMap<>();

    /** Counts one more binding; true when the entry was not held before. */
    boolean add(K entry) {
        return counts.merge(entry, 1, Integer::sum) == 1;
    }

    /** Counts one binding less; true when that was the last one. False when the entry is unknown. */
    boolean remove(K entry) {
        Integer count = counts.get(entry);
        if (count == null) {
            return false;
        }
        if (count == 1) {
            counts.remove(entry);
            return true;
        }
        counts.put(entry, count - 1);
        return false;
    }

    boolean contains(K entry) {
        return counts.containsKey(entry);
    }

    int size() {
        return counts.size();
    }
}
