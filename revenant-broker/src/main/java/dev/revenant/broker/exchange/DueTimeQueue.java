package dev.revenant.broker.exchange;

import java.util.List;
import java.util.PriorityQueue;

/**
 * Items waiting for a due time, taken out earliest first; items due at the same instant come out in
 * the order they were added. Not thread-safe: its owner serialises access. One heap for every
 * waiting item, so millions of them cost one entry each and no timer task apiece.
 *
 * @param <T> what waits
 */
public final class DueTimeQueue<T> {
    private record Entry<T>(long due, long order, T item) implements Comparable<Entry<T>> {
        @Override
        public int compareTo(Entry<T> other) {
            int byDue = Long.compare(due, other.due);
            return byDue != 0 ? byDue : Long.compare(order, other.order);
        }
    }

    private final PriorityQueue<Entry<T>> heap = new PriorityQueue<>();
    private long added;

    /** Adds an item; true if it is now the earliest, so whoever waits for the head must wake sooner. */
    public boolean add(long due, T item) {
        Entry<T> entry = new Entry<>(due, added++, item);
        heap.add(entry);
        return heap.peek() == entry;
    }

    /** The earliest due time, or {@link Long#MAX_VALUE} when empty. */
    public long nextDue() {
        Entry<T> head = heap.peek();
        return head == null ? Long.MAX_VALUE : head.due();
    }

    /** Moves up to {@code max} items due at or before {@code now} to {@code out}, earliest first; returns how many. */
    public int pollDue(long now, int max, List<? super T> out) {
        int taken = 0;
        while (taken < max && !heap.isEmpty() && heap.peek().due() <= now) {
            out.add(heap.poll().item());
            taken++;
        }
        return taken;
    }

    public int size() {
        return heap.size();
    }
}
