package dev.revenant.store.queue;

/**
 * Where an {@link IndexedQueue} records its changes so they can be replayed after a restart.
 * Called after the index has been updated, on the queue's thread. An implementation decides
 * what to keep (a file journal skips non-persistent messages); the in-memory one keeps nothing.
 */
public interface QueueJournal {

    /** A journal that records nothing: the queue is forgotten on restart. */
    QueueJournal NONE = new QueueJournal() {
    };

    default void enqueued(long seq, long location) {
    }

    /** The entry was handed out; {@code deliveries} counts this delivery. */
    default void delivered(long seq, long location, int deliveries) {
    }

    default void removed(long seq, long location) {
    }

    /**
     * Every ready entry with seq below {@code beforeSeq} was removed; the entries still live in
     * {@code index} below it (the unacked ones) were kept.
     */
    default void purged(long beforeSeq, QueueIndex index) {
    }

    /** The queue is being deleted: drop whatever was recorded. */
    default void deleted() {
    }
}
