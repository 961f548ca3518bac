package dev.revenant.store;

import java.util.List;

/**
 * The stored state of one queue: its live entries in queue order, each either <em>ready</em>
 * (waiting for a consumer) or <em>unacked</em> (handed out, awaiting ack or requeue). Invariant:
 * ready entries are handed out in {@code seq} order, a requeued entry goes back to its original
 * place, and each live entry holds exactly one reference on its message. For a durable queue,
 * every change to a persistent message's entry is logged, so after a restart the queue holds
 * exactly the entries not yet acked (all ready again), in order, with their delivery counts.
 *
 * <p>Threads: not thread-safe. Call it from one thread at a time, typically the queue's serial
 * executor (the executor's hand-over gives the needed happens-before). Different queues may be
 * used concurrently. Durability of the logged changes comes from {@link MessageStore#sync()}.
 */
public interface QueueStore {

    /** The key this queue was opened with. */
    String key();

    /** Whether the queue survives a restart. */
    boolean durable();

    /**
     * Adds the message at {@code location} at the tail, taking over one reference the caller
     * holds (from {@link MessageStore#append} or {@link MessageStore#retain}); returns its seq.
     */
    long enqueue(long location);

    /** The next ready entry without changing anything, or null if none is ready. */
    QueueEntry peek();

    /**
     * Hands out the next ready entry: it becomes unacked and its delivery is counted (and logged,
     * so a restart marks it redelivered). Returns null if none is ready. The returned
     * {@link QueueEntry#priorDeliveries()} excludes this delivery.
     */
    QueueEntry take();

    /**
     * Removes the next ready entry, as a take immediately followed by an ack (no-ack delivery,
     * expiry or overflow at the head), except that its message reference passes to the caller,
     * who must either {@link MessageStore#release} it once done with the body or hand it on to
     * another queue's {@link #enqueue}. Returns null if none is ready.
     */
    QueueEntry poll();

    /**
     * Removes a live entry (unacked, or ready, e.g. deleted while browsing) and releases its
     * reference. Returns false, changing nothing, if {@code seq} is not live.
     */
    boolean ack(long seq);

    /**
     * Returns an unacked entry to the ready state at its original place in the queue. Returns
     * false, changing nothing, if {@code seq} is not unacked.
     */
    boolean requeue(long seq);

    /** Removes every ready entry (unacked ones stay), releasing their references; returns how many. */
    long purge();

    /**
     * Up to {@code max} ready entries with {@code seq >= fromSeq}, in the order consumers would get
     * them, without changing anything (for browsing: page on with the last seq + 1).
     */
    List<QueueEntry> browse(long fromSeq, int max);

    /** Number of ready entries. */
    long readyCount();

    /** Number of unacked entries. */
    long unackedCount();

    /**
     * Deletes the queue: its log is removed, every live entry's reference released, and the key
     * forgotten by the {@link MessageStore}. Any later call on this object throws
     * {@link IllegalStateException}. Like every method here, call it on the queue's thread; do
     * not ask the message store for the same key again until it has returned.
     */
    void delete();
}
