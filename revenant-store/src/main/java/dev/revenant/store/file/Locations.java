package dev.revenant.store.file;

/**
 * Packs a message's place in the shared log into one long: bit 62 set for a non-persistent
 * message, bits 32..61 the segment number (from 1), bits 0..31 the record's byte offset in the
 * segment. Invariant: a valid location is positive and never zero (segments start at 1).
 */
final class Locations {
    static final long TRANSIENT_BIT = 1L << 62;
    static final long MAX_SEGMENT = (1L << 30) - 1;

    private Locations() {
    }

    static long of(boolean persistent, long segment, long offset) {
        if (segment < 1 || segment > MAX_SEGMENT) {
            throw new IllegalArgumentException("segment out of range: " + segment);
        }
        if (offset < 0 || offset > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("offset out of range: " + offset);
        }
        return (persistent ? 0 : TRANSIENT_BIT) | (segment << 32) | offset;
    }

    static long segment(long location) {
        return (location >>> 32) & MAX_SEGMENT;
    }

    static long offset(long location) {
        return location & 0xFFFF_FFFFL;
    }

    static boolean isPersistent(long location) {
        return (location & TRANSIENT_BIT) == 0;
    }

    static String describe(long location) {
        return "segment " + segment(location) + " offset " + offset(location)
                + (isPersistent(location) ? "" : " (transient)");
    }
}
