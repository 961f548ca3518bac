package dev.revenant.store.file;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Byte layout of one queue-log record, always {@link #BYTES} long (big-endian): type:u8,
 * deliveries:u8, reserved:u16 (zero), seq:i64, location:i64, crc32c:u32 over the first 20 bytes.
 * Invariant: a record is valid only with a known type and a matching checksum, so an all-zero
 * region (type 0) or a torn write is never mistaken for a record.
 */
final class QueueRecords {
    static final int BYTES = 24;
    /** The entry {@code seq} holds the message at {@code location}, delivered {@code deliveries} times. */
    static final byte ENQUEUE = 1;
    /** The entry {@code seq} has been handed out; {@code deliveries} is its new count. */
    static final byte DELIVER = 2;
    /** The entry {@code seq} is gone. */
    static final byte ACK = 3;
    /** The entry {@code seq} survives the PURGE that follows this run of KEEP records. */
    static final byte KEEP = 4;
    /** Every entry with a seq below {@code seq} is gone, except those in the preceding KEEPs. */
    static final byte PURGE = 5;

    private QueueRecords() {
    }

    static void put(ByteBuffer buffer, byte type, int deliveries, long seq, long location) {
        put(buffer, type, deliveries, seq, location, new CRC32C());
    }

    /** As {@link #put(ByteBuffer, byte, int, long, long)}, reusing {@code crc} (reset here). */
    static void put(ByteBuffer buffer, byte type, int deliveries, long seq, long location, CRC32C crc) {
        int start = buffer.position();
        buffer.put(type).put((byte) Math.min(deliveries, 255)).putShort((short) 0)
                .putLong(seq).putLong(location);
        int end = buffer.position();
        int limit = buffer.limit();
        crc.reset();
        buffer.position(start).limit(end);
        crc.update(buffer);
        buffer.limit(limit).position(end);
        buffer.putInt((int) crc.getValue());
    }

    /** Whether the {@link #BYTES} bytes at {@code offset} form a valid record. */
    static boolean isValid(ByteBuffer buffer, int offset) {
        return isValid(buffer, offset, new CRC32C());
    }

    /**
     * As {@link #isValid(ByteBuffer, int)}, reusing {@code crc} (reset here) to spare allocation
     * in replay loops; the buffer's position and limit are restored.
     */
    static boolean isValid(ByteBuffer buffer, int offset, CRC32C crc) {
        byte type = buffer.get(offset);
        if (type < ENQUEUE || type > PURGE || buffer.getShort(offset + 2) != 0) {
            return false;
        }
        int position = buffer.position();
        int limit = buffer.limit();
        crc.reset();
        buffer.limit(offset + BYTES - 4).position(offset);
        crc.update(buffer);
        buffer.limit(limit).position(position);
        return buffer.getInt(offset + BYTES - 4) == (int) crc.getValue();
    }

    static byte type(ByteBuffer buffer, int offset) {
        return buffer.get(offset);
    }

    static int deliveries(ByteBuffer buffer, int offset) {
        return buffer.get(offset + 1) & 0xFF;
    }

    static long seq(ByteBuffer buffer, int offset) {
        return buffer.getLong(offset + 4);
    }

    static long location(ByteBuffer buffer, int offset) {
        return buffer.getLong(offset + 12);
    }
}
