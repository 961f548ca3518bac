package dev.revenant.store.file;

import java.nio.file.Path;

/**
 * One file of a queue's log, with what compaction needs to know about it without reading it:
 * how many records it holds and the range of seqs its ENQUEUE records carry. Invariant: every
 * ENQUEUE record in the file has {@code minEnqueued <= seq <= maxEnqueued}.
 */
final class QueueSegment {
    final long number;
    final Path path;
    final int headerBytes;
    long size;
    long records;
    long minEnqueued = Long.MAX_VALUE;
    long maxEnqueued = Long.MIN_VALUE;

    QueueSegment(long number, Path path, int headerBytes, long size) {
        this.number = number;
        this.path = path;
        this.headerBytes = headerBytes;
        this.size = size;
    }

    void noteRecord(byte type, long seq) {
        records++;
        if (type == QueueRecords.ENQUEUE) {
            minEnqueued = Math.min(minEnqueued, seq);
            maxEnqueued = Math.max(maxEnqueued, seq);
        }
    }

    boolean hasEnqueues() {
        return minEnqueued <= maxEnqueued;
    }

    static String fileName(long number) {
        return String.format("qlog.%010d", number);
    }

    /** The segment number of a file name, or -1 if it is not a queue segment's. */
    static long numberOf(String fileName) {
        if (!fileName.matches("qlog\\.\\d{1,10}")) {
            return -1;
        }
        return Long.parseLong(fileName.substring(5));
    }
}
