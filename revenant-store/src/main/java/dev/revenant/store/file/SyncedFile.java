package dev.revenant.store.file;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An open store file whose unsynced writes are tracked for {@link GroupCommit}. Invariant: a
 * file is on the group commit's dirty list whenever it may hold writes not yet forced, and it is
 * forced before it is closed (unless it is being deleted), so a closed file needs no sync.
 */
final class SyncedFile {
    private final Path path;
    private final FileChannel channel;
    private final AtomicBoolean dirty = new AtomicBoolean();

    private SyncedFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    static SyncedFile open(Path path) throws IOException {
        return new SyncedFile(path, FileChannel.open(path, StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE));
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

    /** Called by the group commit: clears the mark first, so later writes enlist again. */
    void forceForGroupCommit() throws IOException {
        dirty.set(false);
        try {
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
