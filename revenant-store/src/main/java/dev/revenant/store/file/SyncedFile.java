package dev.revenant.store.file;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An open store file whose unsynced writes are tracked for {@link GroupCommit}. Invariant: a
 * file is on the group commit's dirty list whenever it (or its owner's write buffer) may hold
 * writes not yet forced, and it is forced before it is closed (unless it is being deleted), so a
 * closed file needs no sync.
 */
final class SyncedFile {
    /** The owner's buffered writes, pushed to the channel before each force. */
    @FunctionalInterface
    interface PendingWrites {
        void flush() throws IOException;
    }

    private static final PendingWrites NONE = () -> { };

    private final Path path;
    private final FileChannel channel;
    private final PendingWrites pending;
    private final AtomicBoolean dirty = new AtomicBoolean();

    private SyncedFile(Path path, FileChannel channel, PendingWrites pending) {
        this.path = path;
        this.channel = channel;
        this.pending = pending;
    }

    static SyncedFile open(Path path) throws IOException {
        return open(path, NONE);
    }

    static SyncedFile open(Path path, PendingWrites pending) throws IOException {
        return new SyncedFile(path, FileChannel.open(path, StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE), pending);
    }

    Path path() {
        return path;
    }

    FileChannel channel() {
        return channel;
    }

    /** Records that writes were made; the caller passes the group commit to enlist with. */
    void markDirty(GroupCommit groupCommit) {
        if (dirty.compareAndSet(false, true)) {
            groupCommit.enlist(this);
        }
    }

    /** Pushes buffered writes to the OS without forcing (they then survive a process kill). */
    void flushPending() throws IOException {
        try {
            pending.flush();
        } catch (ClosedChannelException closed) {
            // Closed files were flushed and forced on close, or deleted.
        }
    }

    /** Called by the group commit: clears the mark first, so later writes enlist again. */
    void forceForGroupCommit() throws IOException {
        dirty.set(false);
        try {
            pending.flush();
            channel.force(false);
        } catch (ClosedChannelException closed) {
            // Closed files were forced on close, or deleted: nothing left to sync.
        }
    }

    void forceAndClose() throws IOException {
        if (channel.isOpen()) {
            channel.force(false);
            channel.close();
        }
    }

    void closeQuietly() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing for deletion: the data is being thrown away.
        }
    }
}
