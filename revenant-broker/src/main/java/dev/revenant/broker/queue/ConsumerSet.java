package dev.revenant.broker.queue;

import java.util.ArrayList;
import java.util.List;

/**
 * A queue's consumers in service order: highest priority first, round-robin among equals; with
 * single-active-consumer only the earliest registered consumer is served. Confined to the queue's
 * executor.
 */
final class ConsumerSet {
    private final boolean singleActive;
    private final List<QueueConsumer> consumers = new ArrayList<>();
    private int cursor;

    ConsumerSet(boolean singleActive) {
        this.singleActive = singleActive;
    }

    void add(QueueConsumer consumer) {
        consumers.add(consumer);
    }

    boolean remove(QueueConsumer consumer) {
        return consumers.remove(consumer);
    }

    QueueConsumer find(String tag) {
        for (QueueConsumer c : consumers) {
            if (c.tag().equals(tag)) {
                return c;
            }
        }
        return null;
    }

    int size() {
        return consumers.size();
    }

    boolean isEmpty() {
        return consumers.isEmpty();
    }

    List<QueueConsumer> all() {
        return List.copyOf(consumers);
    }

    List<QueueConsumer> clear() {
        List<QueueConsumer> all = List.copyOf(consumers);
        consumers.clear();
        return all;
    }

    /** The consumer to serve next, with one unit of its credit reserved, or null if none can take one. */
    QueueConsumer nextWithCredit() {
        int n = consumers.size();
        if (n == 0) {
            return null;
        }
        if (singleActive) {
            QueueConsumer active = consumers.get(0);
            return active.tryReserve() ? active : null;
        }
        int best = Integer.MIN_VALUE;
        for (QueueConsumer c : consumers) {
            best = Math.max(best, c.priority());
        }
        // Serve the highest priority level that has credit; walk levels downwards otherwise.
        while (true) {
            int nextBest = Integer.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                int index = (cursor + i) % n;
                QueueConsumer c = consumers.get(index);
                if (c.priority() == best) {
                    if (c.tryReserve()) {
                        cursor = (index + 1) % n;
                        return c;
                    }
                } else if (c.priority() < best) {
                    nextBest = Math.max(nextBest, c.priority());
                }
            }
            if (nextBest == Integer.MIN_VALUE) {
                return null;
            }
            best = nextBest;
        }
    }
}
