package dev.revenant.broker.queue;

import dev.revenant.broker.message.Message;

/**
 * One message's place in one queue: its queue-local sequence number (the order it is delivered
 * in), its expiry, and its delivery history (deliveries, returns, failures). Touched only on the
 * owning queue's executor.
 */
public final class QueuedMessage {
    private final long sequence;
    private Message message;
    private Message deliveredAs;
    private final long expiresAtMillis;
    private int deliveries;
    private int returns;
    private int failures;
    private boolean redelivered;
    private long dueAtMillis;
    private long storeSeq = -1;
    private boolean storeMarkedDelivered;

    /**
     * @param expiresAtMillis wall-clock time at which it expires, or {@link Long#MAX_VALUE}
     */
    public QueuedMessage(long sequence, Message message, long expiresAtMillis) {
        this.sequence = sequence;
        this.message = message;
        this.expiresAtMillis = expiresAtMillis;
    }

    public QueuedMessage(long sequence, Message message) {
        this(sequence, message, Long.MAX_VALUE);
    }

    /** The same message at a new position (after a retry delay), keeping its history. */
    QueuedMessage movedTo(long newSequence) {
        QueuedMessage moved = new QueuedMessage(newSequence, message, Long.MAX_VALUE);
        moved.deliveries = deliveries;
        moved.returns = returns;
        moved.failures = failures;
        moved.redelivered = redelivered;
        moved.storeSeq = storeSeq;
        moved.storeMarkedDelivered = storeMarkedDelivered;
        return moved;
    }

    public long sequence() { return sequence; }
    public Message message() { return message; }
    /** The message as its latest delivery carried it (with {@code x-delivery-count} where the queue counts). */
    public Message deliveredMessage() { return deliveredAs == null ? message : deliveredAs; }
    /** How many times this message was handed to a consumer. */
    public int deliveryCount() { return deliveries; }
    /** How many times a consumer gave it back to the queue (requeue, channel closed). */
    public int returns() { return returns; }
    /** How many times a consumer rejected it without requeue (retry attempts used). */
    public int failures() { return failures; }
    /** Whether an earlier delivery of this message may have been seen by a consumer. */
    public boolean redelivered() { return redelivered; }
    long expiresAtMillis() { return expiresAtMillis; }
    long dueAtMillis() { return dueAtMillis; }

    boolean expired(long nowMillis) {
        return nowMillis >= expiresAtMillis;
    }

    void markDelivered() {
        deliveries++;
    }

    void markReturned() {
        returns++;
        redelivered = true;
    }

    int markFailed() {
        redelivered = true;
        return ++failures;
    }

    /** The message's sequence number in the queue's store log, or -1 if it is not on disk. */
    long storeSeq() { return storeSeq; }
    boolean storeMarkedDelivered() { return storeMarkedDelivered; }

    void stored(long seq) {
        storeSeq = seq;
    }

    void storeMarkedDelivered(boolean marked) {
        storeMarkedDelivered = marked;
    }

    /** Restored after a restart from a store entry that had been delivered before. */
    void restoredAsRedelivered() {
        redelivered = true;
    }

    void dueAt(long millis) {
        dueAtMillis = millis;
    }

    void deliverAs(Message delivered) {
        deliveredAs = delivered;
    }

    void replaceMessage(Message replacement) {
        message = replacement;
    }
}
