package dev.revenant.store.file;

import dev.revenant.store.queue.QueueIndex;
import dev.revenant.store.queue.QueueJournal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.zip.CRC32C;

/**
 * The log of one durable queue: fixed-size records appended to segment files, replayed in file
 * order at recovery. Only entries of persistent messages are logged. Invariants: only the last
 * segment is written to, and a finished segment is forced before the next gets a record; the
 * oldest segment is deleted only after its live ENQUEUE records were copied to the tail and
 * forced, so replaying the remaining files always yields the live entries.
 *
 * <p>Called on the queue's thread; the group commit also flushes the write buffer from its own
 * thread, hence the lock around buffer and tail.
 */
final class QueueLog implements QueueJournal {
    static final String MAGIC = "RVNT-QLG";
    private static final int BUFFER_RECORDS = 170;

    private final Path directory;
    private final String key;
    private final int segmentBytes;
    private final GroupCommit groupCommit;
    private final ArrayDeque<QueueSegment> segments;
    /**
     * Records not yet written to the tail file, or null when there are none and the queue is
     * idle (thousands of idle queues should not each hold a buffer); guarded by this lock.
     */
    private ByteBuffer buffer;
    private final CRC32C crc = new CRC32C();
    private long flushed;
    private QueueIndex index;
    private SyncedFile tail;
    private boolean compacting;

    QueueLog(Path directory, String key, int segmentBytes, GroupCommit groupCommit,
             ArrayDeque<QueueSegment> segments) {
        this.directory = directory;
        this.key = key;
        this.segmentBytes = segmentBytes;
        this.groupCommit = groupCommit;
        this.segments = segments;
    }

    /** Continues writing at the end of the last recovered segment. */
    synchronized void reopenTail() throws IOException {
        QueueSegment last = segments.peekLast();
        tail = SyncedFile.open(last.path, this::flush);
        flushed = last.size;
    }

    /** Creates the log of a new queue: its directory and a first, empty segment. */
    static QueueLog create(Path directory, String key, int segmentBytes, GroupCommit groupCommit) throws IOException {
        Files.createDirectories(directory);
        Directories.sync(directory.getParent());
        ArrayDeque<QueueSegment> segments = new ArrayDeque<>();
        QueueLog log = new QueueLog(directory, key, segmentBytes, groupCommit, segments);
        log.tail = log.createSegment(1);
        log.flushed = segments.peekLast().size;
        return log;
    }

    /** Opens a fresh tail segment numbered after {@code number} (recovery lost the last file). */
    synchronized void startSegmentAfter(long number) throws IOException {
        tail = createSegment(number + 1);
        flushed = segments.peekLast().size;
    }

    void attach(QueueIndex index) {
        this.index = index;
    }

    static byte[] headerExtra(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void enqueued(long seq, long location) {
        if (Locations.isPersistent(location)) {
            write(QueueRecords.ENQUEUE, 0, seq, location);
        }
    }

    @Override
    public void delivered(long seq, long location, int deliveries) {
        if (Locations.isPersistent(location)) {
            write(QueueRecords.DELIVER, deliveries, seq, 0);
        }
    }

    @Override
    public void removed(long seq, long location) {
        if (Locations.isPersistent(location)) {
            write(QueueRecords.ACK, 0, seq, 0);
            if (index.liveCount() == 0 && segments.size() > 1) {
                dropAllButTail();
            }
        }
    }

    @Override
    public synchronized void purged(long beforeSeq, QueueIndex remaining) {
        // No compaction inside the KEEP run: copies landing between the KEEPs and their PURGE
        // would be purged again on replay.
        boolean wasCompacting = compacting;
        compacting = true;
        try {
            remaining.forEachLive((seq, location, deliveries) -> {
                if (seq < beforeSeq && Locations.isPersistent(location)) {
                    write(QueueRecords.KEEP, 0, seq, 0);
                }
            });
            write(QueueRecords.PURGE, 0, beforeSeq, 0);
        } finally {
            compacting = wasCompacting;
        }
        if (!compacting) {
            try {
                compact();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot compact the log of queue " + key, e);
            }
        }
    }

    @Override
    public synchronized void deleted() {
        buffer = null;
        tail.closeQuietly();
        try {
            Path doomed = directory.resolveSibling(directory.getFileName() + ".deleted");
            Files.move(directory, doomed, StandardCopyOption.ATOMIC_MOVE);
            Directories.sync(directory.getParent());
            Directories.deleteRecursively(doomed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the log of queue " + key, e);
        }
    }

    /** Writes an ACK for an entry recovery dropped, and forces it (used at open only). */
    void recordDropped(long seq) {
        write(QueueRecords.ACK, 0, seq, 0);
    }

    synchronized void force() throws IOException {
        flushBuffer();
        tail.channel().force(false);
    }

    synchronized void close() throws IOException {
        flushBuffer();
        tail.forceAndClose();
    }

    /** Writes buffered records to the tail file (before a force, or periodically). */
    synchronized void flush() throws IOException {
        flushBuffer();
        buffer = null;
    }

    private void flushBuffer() throws IOException {
        if (buffer == null || buffer.position() == 0) {
            return;
        }
        buffer.flip();
        FileHeader.writeFully(tail.channel(), buffer, flushed);
        flushed += buffer.limit();
        buffer.clear();
    }

    int segmentCount() {
        return segments.size();
    }

    private synchronized void write(byte type, int deliveries, long seq, long location) {
        try {
            QueueSegment segment = segments.peekLast();
            if (segment.size + QueueRecords.BYTES > segmentBytes && segment.records > 0) {
                segment = rotate();
            }
            if (buffer == null) {
                buffer = ByteBuffer.allocate(BUFFER_RECORDS * QueueRecords.BYTES);
            } else if (!buffer.hasRemaining()) {
                flushBuffer();
            }
            QueueRecords.put(buffer, type, deliveries, seq, location, crc);
            segment.size += QueueRecords.BYTES;
            segment.noteRecord(type, seq);
            tail.markDirty(groupCommit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the log of queue " + key, e);
        }
    }

    private QueueSegment rotate() throws IOException {
        QueueSegment old = segments.peekLast();
        flushBuffer();
        tail.forceAndClose();
        tail = createSegment(old.number + 1);
        flushed = segments.peekLast().size;
        if (!compacting) {
            compact();
        }
        return segments.peekLast();
    }

    private SyncedFile createSegment(long number) throws IOException {
        int headerBytes = FileHeader.length(headerExtra(key));
        QueueSegment segment = new QueueSegment(number, directory.resolve(QueueSegment.fileName(number)),
                headerBytes, headerBytes);
        SyncedFile file = SyncedFile.open(segment.path, this::flush);
        file.channel().truncate(0);
        FileHeader.writeFully(file.channel(), FileHeader.encode(MAGIC, headerExtra(key)), 0);
        file.channel().force(false);
        Directories.sync(directory);
        segments.addLast(segment);
        return file;
    }

    /**
     * Deletes old segments while the oldest is at most half live: its live ENQUEUEs are copied
     * to the tail first (with their current delivery counts) and forced.
     */
    private void compact() throws IOException {
        compacting = true;
        try {
            while (segments.size() > 1) {
                QueueSegment oldest = segments.peekFirst();
                long live = oldest.hasEnqueues() ? index.countLive(oldest.minEnqueued, oldest.maxEnqueued) : 0;
                if (live * 2 > oldest.records) {
                    return;
                }
                if (live > 0) {
                    QueueLogReader.forEachRecord(oldest.path, oldest.headerBytes, (type, deliveries, seq, location) -> {
                        if (type == QueueRecords.ENQUEUE && index.isLive(seq)) {
                            write(QueueRecords.ENQUEUE, index.deliveries(seq), seq, index.location(seq));
                        }
                    });
                    force();
                }
                segments.pollFirst();
                Files.deleteIfExists(oldest.path);
                // Make the deletion stick before a later one can: an older segment coming back
                // after a crash without the next one could revive entries acked there.
                Directories.sync(directory);
            }
        } finally {
            compacting = false;
        }
    }

    private void dropAllButTail() {
        // With no live entry, replaying the tail alone yields the same (empty) queue.
        try {
            while (segments.size() > 1) {
                Files.deleteIfExists(segments.pollFirst().path);
            }
            Directories.sync(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete old segments of queue " + key, e);
        }
    }
}
