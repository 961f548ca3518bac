package dev.revenant.store.file;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One file of the shared message log. Invariant: {@code size} is the end of the last complete
 * record (every record before it is whole, in the file or, past {@code flushed}, in the log's
 * write buffer); {@code references} counts queue entries and pending
 * enqueues pointing into the segment, and the file is deleted once, when it is no longer the
 * segment being appended to and the count is zero.
 */
final class MessageSegment {
    final long number;
    final SyncedFile file;
    final int headerBytes;
    volatile long size;
    /** End of what has been handed to the OS; beyond it, up to {@code size}, bytes sit in the write buffer. */
    volatile long flushed;
    final AtomicInteger references = new AtomicInteger();
    private final AtomicBoolean deleted = new AtomicBoolean();

    MessageSegment(long number, SyncedFile file, int headerBytes, long size) {
        this.number = number;
        this.file = file;
        this.headerBytes = headerBytes;
        this.size = size;
        this.flushed = size;
    }

    boolean isDeleted() {
        return deleted.get();
    }

    /** Closes and deletes the file, if nobody did yet; returns whether this call did. */
    boolean delete() throws IOException {
        if (!deleted.compareAndSet(false, true)) {
            return false;
        }
        file.closeQuietly();
        Files.deleteIfExists(file.path());
        return true;
    }

    static String fileName(long number) {
        return String.format("msgs.%010d", number);
    }

    /** The segment number of a file name, or -1 if it is not a segment's. */
    static long numberOf(String fileName) {
        if (!fileName.matches("msgs\\.\\d{1,10}")) {
            return -1;
        }
        return Long.parseLong(fileName.substring(5));
    }
}
