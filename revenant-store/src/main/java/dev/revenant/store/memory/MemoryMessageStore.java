package dev.revenant.store.memory;

import dev.revenant.store.MessageStore;
import dev.revenant.store.QueueStore;
import dev.revenant.store.queue.IndexedQueue;
import dev.revenant.store.queue.QueueIndex;
import dev.revenant.store.queue.QueueJournal;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link MessageStore} on the heap: each message is a byte array with a reference count and
 * is dropped when the count reaches zero; nothing survives {@link #close()}, so durability and
 * {@link #sync()} are trivially satisfied. Thread-safe as the interface requires.
 */
public final class MemoryMessageStore implements MessageStore {
    private final Map<Long, StoredMessage> messages = new ConcurrentHashMap<>();
    private final Map<String, IndexedQueue> queues = new ConcurrentHashMap<>();
    private final AtomicLong nextLocation = new AtomicLong(1);
    private volatile boolean closed;

    private record StoredMessage(byte[] bytes, boolean persistent, AtomicInteger references) {
    }

    @Override
    public long append(boolean persistent, int references, ByteBuffer... parts) {
        checkOpen();
        if (references < 1) {
            throw new IllegalArgumentException("references must be >= 1, was " + references);
        }
        long size = 0;
        for (ByteBuffer part : parts) {
            size += part.remaining();
        }
        if (size > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("message of " + size + " bytes exceeds " + MAX_MESSAGE_BYTES);
        }
        byte[] bytes = new byte[(int) size];
        int offset = 0;
        for (ByteBuffer part : parts) {
            int length = part.remaining();
            part.duplicate().get(bytes, offset, length);
            offset += length;
        }
        long location = nextLocation.getAndIncrement();
        messages.put(location, new StoredMessage(bytes, persistent, new AtomicInteger(references)));
        return location;
    }

    @Override
    public ByteBuffer read(long location) {
        return ByteBuffer.wrap(message(location).bytes().clone());
    }

    @Override
    public boolean isPersistent(long location) {
        return message(location).persistent();
    }

    @Override
    public void retain(long location) {
        message(location).references().incrementAndGet();
    }

    @Override
    public void release(long location) {
        StoredMessage message = messages.get(location);
        if (message != null && message.references().decrementAndGet() == 0) {
            messages.remove(location);
        }
    }

    @Override
    public CompletableFuture<Void> sync() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public QueueStore queue(String key, boolean durable) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        IndexedQueue queue = queues.computeIfAbsent(key, k -> new IndexedQueue(k, durable,
                new QueueIndex(), QueueJournal.NONE, this::release, () -> queues.remove(k)));
        if (queue.durable() != durable) {
            throw new IllegalStateException("queue " + key + " is open with durable=" + queue.durable());
        }
        return queue;
    }

    @Override
    public Set<String> queueKeys() {
        return Set.copyOf(queues.keySet());
    }

    /** Number of messages still referenced (for tests). */
    public int messageCount() {
        return messages.size();
    }

    @Override
    public void close() {
        closed = true;
        queues.clear();
        messages.clear();
    }

    private StoredMessage message(long location) {
        StoredMessage message = messages.get(location);
        if (message == null) {
            throw new IllegalArgumentException("no message at location " + location);
        }
        return message;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
    }
}
