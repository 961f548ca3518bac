package dev.revenant.store.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The header every store file starts with: an 8-byte ASCII magic naming the file kind, a format
 * version, and caller-defined extra bytes, sealed by a CRC32C. Invariant: {@link #read} returns
 * the extra bytes only if magic, version and checksum all match, so a torn header reads as absent.
 * Layout (big-endian): magic[8] version:u16 extraLength:u16 extra[extraLength] crc32c:u32.
 */
final class FileHeader {
    static final int VERSION = 1;
    static final int FIXED_BYTES = 16;

    private FileHeader() {
    }

    static ByteBuffer encode(String magic, byte[] extra) {
        byte[] magicBytes = magic.getBytes(StandardCharsets.US_ASCII);
        if (magicBytes.length != 8) {
            throw new IllegalArgumentException("magic must be 8 ASCII bytes: " + magic);
        }
        if (extra.length > 0xFFFF) {
            throw new IllegalArgumentException("header extra too long: " + extra.length);
        }
        ByteBuffer buffer = ByteBuffer.allocate(FIXED_BYTES + extra.length);
        buffer.put(magicBytes).putShort((short) VERSION).putShort((short) extra.length).put(extra);
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        return buffer.flip();
    }

    static int length(byte[] extra) {
        return FIXED_BYTES + extra.length;
    }

    /** The extra bytes of a valid header at the start of {@code channel}, or null. */
    static byte[] read(FileChannel channel, String magic) throws IOException {
        ByteBuffer fixed = ByteBuffer.allocate(12);
        if (readFully(channel, fixed, 0) < 12) {
            return null;
        }
        byte[] magicBytes = new byte[8];
        fixed.flip().get(magicBytes);
        if (!magic.equals(new String(magicBytes, StandardCharsets.US_ASCII)) || fixed.getShort() != VERSION) {
            return null;
        }
        int extraLength = fixed.getShort() & 0xFFFF;
        ByteBuffer rest = ByteBuffer.allocate(extraLength + 4);
        if (readFully(channel, rest, 12) < rest.capacity()) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(fixed.array(), 0, 12);
        crc.update(rest.array(), 0, extraLength);
        rest.flip();
        byte[] extra = new byte[extraLength];
        rest.get(extra);
        return rest.getInt() == (int) crc.getValue() ? extra : null;
    }

    static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + total);
            if (read < 0) {
                break;
            }
            total += read;
        }
        return total;
    }

    static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }
}
