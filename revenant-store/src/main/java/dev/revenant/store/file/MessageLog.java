package dev.revenant.store.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The shared, segmented, append-only message log. Invariants: records are appended only to the
 * current (highest-numbered) segment, under one lock; a finished segment is forced before the
 * next one is written to, so after a crash only the last segment can have a torn tail; segment
 * numbers are never reused. Thread-safe: appends serialise on a lock, reads are positional.
 */
final class MessageLog implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MessageLog.class.getName());
    static final String MAGIC = "RVNT-MSG";
    private static final int HEADER_BYTES = FileHeader.length(new byte[0]);
    private static final int BUFFER_BYTES = 256 << 10;

    private final Path directory;
    private final int segmentBytes;
    private final GroupCommit groupCommit;
    private final Map<Long, MessageSegment> segments = new ConcurrentHashMap<>();
    private final Object appendLock = new Object();
    /** Records appended to the current segment but not yet written to it; guarded by appendLock. */
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private volatile MessageSegment current;

    private MessageLog(Path directory, int segmentBytes, GroupCommit groupCommit) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.groupCommit = groupCommit;
    }

    /** Opens the log, truncating a torn tail of the last segment; nothing is referenced yet. */
    static MessageLog open(Path directory, int segmentBytes, GroupCommit groupCommit) throws IOException {
        Files.createDirectories(directory);
        MessageLog log = new MessageLog(directory, segmentBytes, groupCommit);
        List<Long> numbers = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(file -> {
                long number = MessageSegment.numberOf(file.getFileName().toString());
                if (number > 0) {
                    numbers.add(number);
                }
            });
        }
        numbers.sort(null);
        for (int i = 0; i < numbers.size(); i++) {
            log.openExisting(numbers.get(i), i == numbers.size() - 1);
        }
        long last = numbers.isEmpty() ? 0 : numbers.get(numbers.size() - 1);
        MessageSegment tail = log.segments.get(last);
        log.current = tail != null ? tail : log.createSegment(last + 1);
        log.current.file.channel().position(log.current.size);
        return log;
    }

    private void openExisting(long number, boolean last) throws IOException {
        Path path = directory.resolve(MessageSegment.fileName(number));
        SyncedFile file = SyncedFile.open(path, this::flush);
        if (FileHeader.read(file.channel(), MAGIC) == null) {
            file.closeQuietly();
            if (last) {
                LOG.log(System.Logger.Level.WARNING, "Deleting message segment {0} with a torn header", path);
                Files.delete(path);
            } else {
                LOG.log(System.Logger.Level.ERROR, "Message segment {0} has a bad header; set aside", path);
                Files.move(path, path.resolveSibling(path.getFileName() + ".corrupt"));
            }
            return;
        }
        long size = file.channel().size();
        if (last) {
            long valid = MessageScanner.validEnd(file.channel(), HEADER_BYTES, size);
            if (valid < size) {
                LOG.log(System.Logger.Level.WARNING, "Truncating torn tail of {0}: {1} -> {2} bytes", path, size, valid);
                file.channel().truncate(valid);
                file.channel().force(false);
                size = valid;
            }
        }
        segments.put(number, new MessageSegment(number, file, HEADER_BYTES, size));
    }

    private MessageSegment createSegment(long number) throws IOException {
        Path path = directory.resolve(MessageSegment.fileName(number));
        SyncedFile file = SyncedFile.open(path, this::flush);
        file.channel().truncate(0);
        FileHeader.writeFully(file.channel(), FileHeader.encode(MAGIC, new byte[0]), 0);
        file.channel().force(false);
        Directories.sync(directory);
        MessageSegment segment = new MessageSegment(number, file, HEADER_BYTES, HEADER_BYTES);
        segments.put(number, segment);
        return segment;
    }

    long append(boolean persistent, int references, ByteBuffer[] parts) {
        long length = 0;
        for (ByteBuffer part : parts) {
            length += part.remaining();
        }
        if (length > dev.revenant.store.MessageStore.MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("message of " + length + " bytes is too large");
        }
        ByteBuffer[] record = new ByteBuffer[parts.length + 1];
        record[0] = MessageRecords.header((int) length, MessageRecords.checksum((int) length, parts));
        for (int i = 0; i < parts.length; i++) {
            record[i + 1] = parts[i].duplicate();
        }
        long recordBytes = MessageRecords.HEADER_BYTES + length;
        MessageSegment segment;
        long offset;
        try {
            synchronized (appendLock) {
                segment = current;
                if (segment.size + recordBytes > segmentBytes && segment.size > segment.headerBytes) {
                    segment = rotate();
                }
                offset = segment.size;
                if (recordBytes > buffer.remaining()) {
                    flushBuffer();
                }
                if (recordBytes > buffer.remaining()) {
                    // Larger than the whole buffer: straight to the file.
                    long written = 0;
                    while (written < recordBytes) {
                        written += segment.file.channel().write(record);
                    }
                    segment.size = offset + recordBytes;
                    segment.flushed = segment.size;
                } else {
                    for (ByteBuffer part : record) {
                        buffer.put(part);
                    }
                    segment.size = offset + recordBytes;
                }
                segment.references.addAndGet(references);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the message log in " + directory, e);
        }
        segment.file.markDirty(groupCommit);
        return Locations.of(persistent, segment.number, offset);
    }

    /** Writes the buffer to the current segment; caller holds appendLock. */
    private void flushBuffer() throws IOException {
        if (buffer.position() == 0) {
            return;
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
            current.file.channel().write(buffer);
        }
        buffer.clear();
        current.flushed = current.size;
    }

    /** Hands buffered records to the OS (before a force, a read of them, or periodically). */
    void flush() throws IOException {
        synchronized (appendLock) {
            flushBuffer();
        }
    }

    private MessageSegment rotate() throws IOException {
        flushBuffer();
        MessageSegment old = current;
        // Forced before anything lands in the next segment: only the last one can be torn.
        old.file.channel().force(false);
        MessageSegment next = createSegment(old.number + 1);
        next.file.channel().position(next.size);
        current = next;
        if (old.references.get() == 0) {
            old.delete();
        }
        return next;
    }

    ByteBuffer read(long location) {
        MessageSegment segment = segmentOf(location);
        long offset = Locations.offset(location);
        try {
            if (offset >= segment.flushed) {
                flush();
            }
            ByteBuffer header = ByteBuffer.allocate(MessageRecords.HEADER_BYTES);
            if (offset + MessageRecords.HEADER_BYTES > segment.size
                    || FileHeader.readFully(segment.file.channel(), header, offset) < header.capacity()) {
                throw new IOException("no record at " + Locations.describe(location));
            }
            int length = header.getInt(0);
            if (length < 0 || offset + MessageRecords.HEADER_BYTES + length > segment.size) {
                throw new IOException("bad record length " + length + " at " + Locations.describe(location));
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            FileHeader.readFully(segment.file.channel(), payload, offset + MessageRecords.HEADER_BYTES);
            payload.flip();
            if (MessageRecords.checksum(length, payload) != header.getInt(4)) {
                throw new IOException("checksum mismatch at " + Locations.describe(location));
            }
            return payload;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read message at " + Locations.describe(location), e);
        }
    }

    void retain(long location) {
        MessageSegment segment = segmentOf(location);
        if (segment.references.getAndIncrement() <= 0) {
            segment.references.decrementAndGet();
            throw new IllegalStateException("message at " + Locations.describe(location) + " is not referenced");
        }
    }

    void release(long location) {
        MessageSegment segment = segments.get(Locations.segment(location));
        if (segment == null) {
            return;
        }
        int left = segment.references.decrementAndGet();
        if (left < 0) {
            throw new IllegalStateException("message at " + Locations.describe(location) + " released too often");
        }
        if (left == 0 && segment != current) {
            deleteSegment(segment);
        }
    }

    /** Whether a recovered queue entry may point at {@code location}: an existing, whole record. */
    boolean isRecoverable(long location) {
        MessageSegment segment = segments.get(Locations.segment(location));
        long offset = Locations.offset(location);
        return Locations.isPersistent(location) && segment != null && offset >= segment.headerBytes
                && offset + MessageRecords.HEADER_BYTES <= segment.size;
    }

    /** Adds references counted by recovery. */
    void addReferences(long segmentNumber, int count) {
        segments.get(segmentNumber).references.addAndGet(count);
    }

    /** After recovery: deletes every unreferenced segment but the current one. */
    void deleteUnreferenced() {
        for (MessageSegment segment : List.copyOf(segments.values())) {
            if (segment != current && segment.references.get() == 0) {
                deleteSegment(segment);
            }
        }
    }

    /** Segment numbers present, for tests and tools. */
    List<Long> segmentNumbers() {
        List<Long> numbers = new ArrayList<>(segments.keySet());
        numbers.sort(null);
        return numbers;
    }

    private void deleteSegment(MessageSegment segment) {
        try {
            if (segment.delete()) {
                segments.remove(segment.number);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot delete message segment " + segment.number, e);
        }
    }

    private MessageSegment segmentOf(long location) {
        MessageSegment segment = segments.get(Locations.segment(location));
        if (segment == null) {
            throw new IllegalArgumentException("no message at " + Locations.describe(location) + " (segment gone)");
        }
        return segment;
    }

    @Override
    public void close() throws IOException {
        synchronized (appendLock) {
            flushBuffer();
            for (MessageSegment segment : segments.values()) {
                segment.file.forceAndClose();
            }
        }
    }
}
