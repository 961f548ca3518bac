package dev.revenant.broker.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Messages waiting out a retry delay before they become ready again, ordered by due time; they
 * do not block the ready messages behind them. Confined to the queue's executor.
 */
final class HeldMessages {
    private final PriorityQueue<QueuedMessage> byDueTime = new PriorityQueue<>((a, b) -> {
        int c = Long.compare(a.dueAtMillis(), b.dueAtMillis());
        return c != 0 ? c : Long.compare(a.sequence(), b.sequence());
    });

    void hold(QueuedMessage message, long dueAtMillis) {
        message.dueAt(dueAtMillis);
        byDueTime.add(message);
    }

    /** Removes and returns the messages due at {@code nowMillis}, earliest first. */
    List<QueuedMessage> takeDue(long nowMillis) {
        List<QueuedMessage> due = new ArrayList<>();
        while (!byDueTime.isEmpty() && byDueTime.peek().dueAtMillis() <= nowMillis) {
            due.add(byDueTime.poll());
        }
        return due;
    }

    /** When the next message falls due, or {@link Long#MAX_VALUE} if none waits. */
    long nextDueMillis() {
        QueuedMessage next = byDueTime.peek();
        return next == null ? Long.MAX_VALUE : next.dueAtMillis();
    }

    /** Removes and returns the first message matching, or null. */
    QueuedMessage removeFirst(java.util.function.Predicate<QueuedMessage> match) {
        for (QueuedMessage m : byDueTime) {
            if (match.test(m)) {
                byDueTime.remove(m);
                return m;
            }
        }
        return null;
    }

    int size() {
        return byDueTime.size();
    }

    List<QueuedMessage> clear() {
        List<QueuedMessage> all = new ArrayList<>(byDueTime);
        byDueTime.clear();
        return all;
    }
}
