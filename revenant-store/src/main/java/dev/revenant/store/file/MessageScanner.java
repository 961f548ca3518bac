package dev.revenant.store.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Finds where the valid records of a message segment end. Invariant: the returned offset is the
 * end of the longest prefix of whole records with matching checksums, so truncating there keeps
 * every record that was completely written and drops a torn or zero-filled tail.
 */
final class MessageScanner {
    private static final int WINDOW = 1 << 20;

    private MessageScanner() {
    }

    static long validEnd(FileChannel channel, long start, long size) throws IOException {
        ByteBuffer window = ByteBuffer.allocateDirect(WINDOW);
        long position = start;
        while (position + MessageRecords.HEADER_BYTES <= size) {
            window.clear();
            window.limit((int) Math.min(WINDOW, size - position));
            FileHeader.readFully(channel, window, position);
            window.flip();
            int consumed = 0;
            while (window.remaining() - consumed >= MessageRecords.HEADER_BYTES) {
                int length = window.getInt(consumed);
                if (length < 0 || position + consumed + MessageRecords.HEADER_BYTES + (long) length > size) {
                    return position + consumed;
                }
                int recordBytes = MessageRecords.HEADER_BYTES + length;
                if (recordBytes > window.limit() - consumed) {
                    break;
                }
                int expected = window.getInt(consumed + 4);
                if (MessageRecords.checksum(length, window.slice(consumed + MessageRecords.HEADER_BYTES, length)) != expected) {
                    return position + consumed;
                }
                consumed += recordBytes;
            }
            if (consumed == 0) {
                // A record larger than the window: check it on its own.
                if (!largeRecordValid(channel, position)) {
                    return position;
                }
                consumed = (int) Math.min(Integer.MAX_VALUE, MessageRecords.HEADER_BYTES + (long) window.getInt(0));
                position += consumed;
                continue;
            }
            position += consumed;
        }
        return position;
    }

    private static boolean largeRecordValid(FileChannel channel, long position) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(MessageRecords.HEADER_BYTES);
        FileHeader.readFully(channel, header, position);
        int length = header.getInt(0);
        ByteBuffer payload = ByteBuffer.allocate(length);
        if (FileHeader.readFully(channel, payload, position + MessageRecords.HEADER_BYTES) < length) {
            return false;
        }
        return MessageRecords.checksum(length, payload.flip()) == header.getInt(4);
    }
}
