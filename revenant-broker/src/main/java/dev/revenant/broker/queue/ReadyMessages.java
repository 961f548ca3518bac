package dev.revenant.broker.queue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The messages of a queue that wait for a consumer, in delivery order: by priority level (highest
 * first) and within a level by sequence number, so a requeued message goes back to its original
 * position. Confined to the queue's executor.
 */
final class ReadyMessages {
    private final ArrayDeque<QueuedMessage>[] levels;
    private int size;
    private long bodyBytes;

    @SuppressWarnings("unchecked")
    ReadyMessages(int maxPriority) {
        levels = new ArrayDeque[maxPriority + 1];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = new ArrayDeque<>();
        }
    }

    int size() {
        return size;
    }

    long bodyBytes() {
        return bodyBytes;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Appends a newly enqueued message at the tail of its priority level. */
    void add(QueuedMessage message) {
        levels[level(message)].addLast(message);
        count(message, 1);
    }

    /** Puts a message back where its sequence number says it belongs. */
    void requeue(QueuedMessage message) {
        ArrayDeque<QueuedMessage> deque = levels[level(message)];
        QueuedMessage first = deque.peekFirst();
        if (first == null || message.sequence() < first.sequence()) {
            deque.addFirst(message);
        } else {
            insertInOrder(deque, message);
        }
        count(message, 1);
    }

    /** The next message to deliver, or null; does not remove it. */
    QueuedMessage peek() {
        for (int i = levels.length - 1; i >= 0; i--) {
            QueuedMessage head = levels[i].peekFirst();
            if (head != null) {
                return head;
            }
        }
        return null;
    }

    /** Removes and returns the next message to deliver, or null. */
    QueuedMessage poll() {
        for (int i = levels.length - 1; i >= 0; i--) {
            QueuedMessage head = levels[i].pollFirst();
            if (head != null) {
                count(head, -1);
                return head;
            }
        }
        return null;
    }

    /** Removes every message and returns them in delivery order. */
    List<QueuedMessage> clear() {
        List<QueuedMessage> all = new ArrayList<>(size);
        for (int i = levels.length - 1; i >= 0; i--) {
            all.addAll(levels[i]);
            levels[i].clear();
        }
        size = 0;
        bodyBytes = 0;
        return all;
    }

    /** Removes and returns the first message matching, wherever it is, or null. */
    QueuedMessage removeFirst(java.util.function.Predicate<QueuedMessage> match) {
        for (ArrayDeque<QueuedMessage> level : levels) {
            Iterator<QueuedMessage> it = level.iterator();
            while (it.hasNext()) {
                QueuedMessage m = it.next();
                if (match.test(m)) {
                    it.remove();
                    count(m, -1);
                    return m;
                }
            }
        }
        return null;
    }

    /** Messages in delivery order, for browsing; the view must not be modified. */
    Iterable<QueuedMessage> inOrder() {
        List<QueuedMessage> all = new ArrayList<>(size);
        for (int i = levels.length - 1; i >= 0; i--) {
            all.addAll(levels[i]);
        }
        return all;
    }

    private int level(QueuedMessage message) {
        return Math.min(message.message().priority(), levels.length - 1);
    }

    private void count(QueuedMessage message, int sign) {
        size += sign;
        bodyBytes += (long) sign * message.message().bodySize();
    }

    private static void insertInOrder(ArrayDeque<QueuedMessage> deque, QueuedMessage message) {
        // Rare path (a requeue behind newer ready messages): rebuild the level in order.
        List<QueuedMessage> tail = new ArrayList<>();
        Iterator<QueuedMessage> it = deque.descendingIterator();
        while (it.hasNext()) {
            QueuedMessage m = it.next();
            if (m.sequence() < message.sequence()) {
                break;
            }
            tail.add(m);
            it.remove();
        }
        deque.addLast(message);
        for (int i = tail.size() - 1; i >= 0; i--) {
            deque.addLast(tail.get(i));
        }
    }
}
