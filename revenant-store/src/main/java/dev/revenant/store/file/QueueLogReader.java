package dev.revenant.store.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads the records of one queue-log segment in file order. Invariant: only records that pass
 * {@link QueueRecords#isValid} reach the visitor; in strict mode reading stops at the first
 * invalid one and the returned offset is where the valid prefix ends.
 */
final class QueueLogReader {
    private static final int WINDOW = (1 << 20) / QueueRecords.BYTES * QueueRecords.BYTES;

    /** Receives one valid record. */
    @FunctionalInterface
    interface RecordVisitor {
        void visit(byte type, int deliveries, long seq, long location) throws IOException;
    }

    /** What a pass over a segment found. */
    record Result(long validEnd, long records, long skipped) {
    }

    private QueueLogReader() {
    }

    static Result forEachRecord(Path path, int headerBytes, RecordVisitor visitor) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(channel, headerBytes, channel.size(), false, visitor);
        }
    }

    /**
     * Visits the records between {@code headerBytes} and {@code size}. Strict: stop at the first
     * invalid record (a torn tail). Lenient: skip it and go on (damage inside a finished segment).
     */
    static Result read(FileChannel channel, int headerBytes, long size, boolean strict, RecordVisitor visitor)
            throws IOException {
        ByteBuffer window = ByteBuffer.allocateDirect(WINDOW);
        CRC32C crc = new CRC32C();
        long position = headerBytes;
        long records = 0;
        long skipped = 0;
        while (position + QueueRecords.BYTES <= size) {
            window.clear();
            window.limit((int) Math.min(WINDOW, (size - position) / QueueRecords.BYTES * QueueRecords.BYTES));
            FileHeader.readFully(channel, window, position);
            int end = window.position() / QueueRecords.BYTES * QueueRecords.BYTES;
            window.flip();
            if (end == 0) {
                break;
            }
            for (int offset = 0; offset < end; offset += QueueRecords.BYTES) {
                if (!QueueRecords.isValid(window, offset, crc)) {
                    if (strict) {
                        return new Result(position + offset, records, skipped);
                    }
                    skipped++;
                    continue;
                }
                records++;
                visitor.visit(QueueRecords.type(window, offset), QueueRecords.deliveries(window, offset),
                        QueueRecords.seq(window, offset), QueueRecords.location(window, offset));
            }
            position += end;
        }
        return new Result(position, records, skipped);
    }
}
