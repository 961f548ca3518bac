package dev.revenant.store.queue;

/**
 * The slots of {@link QueueIndex#CHUNK_SIZE} consecutive seqs starting at {@code base}. A slot
 * is live when its location is non-zero (no valid location is zero); {@code live} counts them.
 * Per slot: 8 bytes of location, 1 byte of delivery count, 1 bit of "unacked".
 */
final class IndexChunk {
    final long base;
    final long[] locations = new long[QueueIndex.CHUNK_SIZE];
    final byte[] deliveries = new byte[QueueIndex.CHUNK_SIZE];
    final long[] unacked = new long[QueueIndex.CHUNK_SIZE / 64];
    int live;

    IndexChunk(long base) {
        this.base = base;
    }

    boolean isUnacked(int slot) {
        return (unacked[slot >>> 6] & (1L << slot)) != 0;
    }

    void setUnacked(int slot, boolean value) {
        if (value) {
            unacked[slot >>> 6] |= 1L << slot;
        } else {
            unacked[slot >>> 6] &= ~(1L << slot);
        }
    }

    int deliveries(int slot) {
        return deliveries[slot] & 0xFF;
    }

    /** The first live slot at or after {@code from}, or -1. */
    int nextLive(int from) {
        for (int i = from; i < QueueIndex.CHUNK_SIZE; i++) {
            if (locations[i] != 0) {
                return i;
            }
        }
        return -1;
    }
}
