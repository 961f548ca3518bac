package dev.revenant.store.file;

import dev.revenant.store.MessageStore;
import dev.revenant.store.QueueStore;
import dev.revenant.store.StoreOptions;
import dev.revenant.store.queue.IndexedQueue;
import dev.revenant.store.queue.QueueIndex;
import dev.revenant.store.queue.QueueJournal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link MessageStore} in a directory: {@code messages/} holds the shared message log,
 * {@code queues/} one log directory per durable queue, {@code LOCK} the process lock.
 * Invariant: after {@link #open} returns, every segment's reference count equals the number of
 * live entries pointing into it, and no recovered entry points at a message that is not whole
 * on disk. See docs/storage-format.md for the byte layout and the recovery steps.
 */
public final class FileMessageStore implements MessageStore {
    /** How long unsynced writes may sit in user-space buffers, where a process kill would lose them. */
    static final long FLUSH_INTERVAL_MILLIS = 100;
    private final Path directory;
    private final StoreOptions options;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final GroupCommit groupCommit;
    private final MessageLog messages;
    private final Map<String, IndexedQueue> queues = new ConcurrentHashMap<>();
    private final Map<String, QueueLog> logs = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private FileMessageStore(Path directory, StoreOptions options, FileChannel lockChannel, FileLock lock,
                             GroupCommit groupCommit, MessageLog messages) {
        this.directory = directory;
        this.options = options;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.groupCommit = groupCommit;
        this.messages = messages;
    }

    public static FileMessageStore open(Path directory, StoreOptions options) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(options, "options");
        FileChannel lockChannel = null;
        GroupCommit groupCommit = null;
        MessageLog messages = null;
        try {
            Files.createDirectories(directory);
            lockChannel = FileChannel.open(directory.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(lockChannel, directory);
            groupCommit = new GroupCommit("revenant-store-sync", FLUSH_INTERVAL_MILLIS);
            messages = MessageLog.open(directory.resolve("messages"), options.messageSegmentBytes(), groupCommit);
            FileMessageStore store = new FileMessageStore(directory, options, lockChannel, lock, groupCommit, messages);
            store.recoverQueues();
            return store;
        } catch (IOException | RuntimeException e) {
            if (groupCommit != null) {
                groupCommit.close();
            }
            if (messages != null) {
                try {
                    messages.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            closeQuietly(lockChannel);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot open the message store in " + directory + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    private static FileLock tryLock(FileChannel channel, Path directory) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IOException("the directory " + directory + " is in use by another store");
        }
        return lock;
    }

    private void recoverQueues() throws IOException {
        List<QueueLogRecovery.Recovered> recovered = StoreRecovery.recoverQueues(
                directory.resolve("queues"), options, groupCommit, messages);
        for (QueueLogRecovery.Recovered queue : recovered) {
            register(queue.key(), true, queue.index(), queue.log());
        }
        messages.deleteUnreferenced();
    }

    private IndexedQueue register(String key, boolean durable, QueueIndex index, QueueLog log) {
        IndexedQueue queue = new IndexedQueue(key, durable, index, log == null ? QueueJournal.NONE : log,
                messages::release, () -> forget(key));
        queues.put(key, queue);
        if (log != null) {
            logs.put(key, log);
        }
        return queue;
    }

    private void forget(String key) {
        queues.remove(key);
        logs.remove(key);
    }

    @Override
    public long append(boolean persistent, int references, ByteBuffer... parts) {
        checkOpen();
        if (references < 1) {
            throw new IllegalArgumentException("references must be >= 1, was " + references);
        }
        return messages.append(persistent, references, parts);
    }

    @Override
    public ByteBuffer read(long location) {
        return messages.read(location);
    }

    @Override
    public boolean isPersistent(long location) {
        return Locations.isPersistent(location);
    }

    @Override
    public void retain(long location) {
        messages.retain(location);
    }

    @Override
    public void release(long location) {
        messages.release(location);
    }

    @Override
    public CompletableFuture<Void> sync() {
        return groupCommit.sync();
    }

    @Override
    public synchronized QueueStore queue(String key, boolean durable) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        IndexedQueue existing = queues.get(key);
        if (existing != null) {
            if (existing.durable() != durable) {
                throw new IllegalStateException("queue " + key + " is open with durable=" + existing.durable());
            }
            return existing;
        }
        QueueIndex index = new QueueIndex();
        if (!durable) {
            return register(key, false, index, null);
        }
        Path queueDirectory = directory.resolve("queues").resolve(QueueDirectories.nameOf(key));
        if (Files.exists(queueDirectory)) {
            throw new IllegalStateException("queue directory " + queueDirectory + " exists for another key");
        }
        try {
            QueueLog log = QueueLog.create(queueDirectory, key, options.queueSegmentBytes(), groupCommit);
            log.attach(index);
            return register(key, true, index, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log of queue " + key, e);
        }
    }

    @Override
    public Set<String> queueKeys() {
        return Set.copyOf(queues.keySet());
    }

    /** Numbers of the message segments on disk (for tests and tools). */
    public List<Long> messageSegments() {
        return messages.segmentNumbers();
    }

    /** Number of log segments of a durable queue (for tests and tools). */
    public int queueSegments(String key) {
        QueueLog log = logs.get(key);
        return log == null ? 0 : log.segmentCount();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        groupCommit.close();
        try {
            for (QueueLog log : logs.values()) {
                log.close();
            }
            messages.close();
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the message store in " + directory, e);
        } finally {
            closeQuietly(lockChannel);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing to save: the lock goes with the channel.
            }
        }
    }
}
