package dev.revenant.store;

import dev.revenant.store.file.FileMessageStore;
import dev.revenant.store.memory.MemoryMessageStore;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Message bodies, stored once however many queues hold them, plus the per-queue stores that
 * reference them by location. Invariant: a message stays readable while it has at least one
 * reference (given at {@link #append}, added by {@link #retain}); each release (directly, or by
 * a queue acking, purging or deleting the entry) drops one, and storage is reclaimed at zero.
 *
 * <p>Threads: {@link #append}, {@link #read}, {@link #retain}, {@link #release}, {@link #sync},
 * {@link #queue} and {@link #queueKeys} may be called from any thread, concurrently. The returned
 * {@link QueueStore}s are not thread-safe: each is driven by its queue's serial executor.
 * {@link #close} must be the last call.
 */
public interface MessageStore extends AutoCloseable {

    /**
     * Opens (creating if needed) a file store in {@code directory}, recovering every durable
     * queue found there: torn tails are truncated, never refused. Takes an exclusive lock on the
     * directory for the life of the store.
     *
     * @throws java.io.UncheckedIOException if the directory cannot be used (or is locked by
     *     another process)
     */
    static MessageStore open(Path directory, StoreOptions options) {
        return FileMessageStore.open(directory, options);
    }

    /** A store that keeps everything on the heap and forgets it on close. */
    static MessageStore inMemory() {
        return new MemoryMessageStore();
    }

    /**
     * Stores a message (the concatenation of {@code parts}, read from each buffer's position to
     * its limit; positions are left unchanged) and returns its location. The message starts with
     * {@code references} references, one per queue it is about to be enqueued into.
     * A non-persistent message is never recovered after a restart, whichever queue holds it.
     * Does not wait for the disk: call {@link #sync()} for that.
     *
     * @throws IllegalArgumentException if {@code references < 1} or the message exceeds
     *     {@link #MAX_MESSAGE_BYTES}
     */
    long append(boolean persistent, int references, ByteBuffer... parts);

    /** Largest message {@link #append} accepts, in bytes. */
    int MAX_MESSAGE_BYTES = Integer.MAX_VALUE - 64;

    /**
     * The message stored at {@code location}, as a new heap buffer (position 0, limit = size).
     * The checksum is verified. Undefined once the message's last reference has been released.
     *
     * @throws java.io.UncheckedIOException if the message cannot be read or is corrupt
     * @throws IllegalArgumentException if nothing is stored there (any more)
     */
    ByteBuffer read(long location);

    /** Whether the message at {@code location} was appended as persistent. */
    boolean isPersistent(long location);

    /**
     * Adds a reference, e.g. before enqueueing a stored message into one more queue. The caller
     * must already hold a reference (the message must be alive).
     */
    void retain(long location);

    /** Drops a reference the caller holds, e.g. when a routed-to queue vanished before the enqueue. */
    void release(long location);

    /**
     * Completes once everything written to this store (messages, and queue records: enqueues,
     * deliveries, acks, purges, by any thread) before this call is on disk; send publisher
     * confirms and tx.commit-ok from its completion. Many concurrent callers share one disk sync
     * (group commit). Completes on an internal thread: hand off to your own executor for real
     * work.
     * Completes exceptionally if a disk sync fails; after that every sync fails, since the OS may
     * have dropped the unwritten data (close and reopen the store to recover from disk).
     */
    CompletableFuture<Void> sync();

    /**
     * The store of queue {@code key} (any string; the broker chooses the scheme, e.g. vhost and
     * name). A durable queue's store is created on disk if absent, else it is the one recovered
     * at open; a non-durable one starts empty and is never recovered. Asking twice for the same
     * key returns the same object; asking with a different durability is an error.
     *
     * @throws IllegalStateException if the key is open with the other durability
     */
    QueueStore queue(String key, boolean durable);

    /** Keys of the queues currently open, including every durable queue recovered at open. */
    Set<String> queueKeys();

    /** Forces everything to disk and releases files and threads. Idempotent. */
    @Override
    void close();
}
