package dev.revenant.store;

/**
 * Tuning of a file store, validated on construction so a bad value fails at open with a message
 * naming the setting. Segment sizes are soft limits: a record never spans two segments, so a
 * message larger than a segment gets a segment of its own.
 *
 * @param messageSegmentBytes size at which the shared message log starts a new segment file;
 *     a segment is deleted once none of its messages is referenced, so smaller segments track the
 *     live backlog more closely at the cost of more files
 * @param queueSegmentBytes size at which a queue's log starts a new segment file (its old
 *     segments are compacted away as entries are acked)
 * @param recoveryThreads threads used to replay queue logs at open
 */
public record StoreOptions(int messageSegmentBytes, int queueSegmentBytes, int recoveryThreads) {

    public StoreOptions {
        if (messageSegmentBytes < 4096 || messageSegmentBytes > (1 << 30)) {
            throw new IllegalArgumentException(
                    "messageSegmentBytes must be 4096..1073741824, was " + messageSegmentBytes);
        }
        if (queueSegmentBytes < 4096 || queueSegmentBytes > (1 << 30)) {
            throw new IllegalArgumentException(
                    "queueSegmentBytes must be 4096..1073741824, was " + queueSegmentBytes);
        }
        if (recoveryThreads < 1 || recoveryThreads > 64) {
            throw new IllegalArgumentException("recoveryThreads must be 1..64, was " + recoveryThreads);
        }
    }

    /** 16 MiB message segments, 4 MiB queue segments, one recovery thread per core (at most 4). */
    public static StoreOptions defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new StoreOptions(16 << 20, 4 << 20, Math.max(1, Math.min(4, cores)));
    }

    public StoreOptions withMessageSegmentBytes(int bytes) {
        return new StoreOptions(bytes, queueSegmentBytes, recoveryThreads);
    }

    public StoreOptions withQueueSegmentBytes(int bytes) {
        return new StoreOptions(messageSegmentBytes, bytes, recoveryThreads);
    }

    public StoreOptions withRecoveryThreads(int threads) {
        return new StoreOptions(messageSegmentBytes, queueSegmentBytes, threads);
    }
}
