package dev.revenant.broker.queue;

import dev.revenant.broker.message.Message;

/**
 * One message's place in one queue: its queue-local sequence number (the order it is delivered
 * in), and its delivery history. Touched only on the owning queue's executor.
 */
public final class QueuedMessage {
    private final long sequence;
    private final Message message;
    private int deliveryCount;
    private boolean redelivered;

    public QueuedMessage(long sequence, Message message) {
        this.sequence = sequence;
        this.message = message;
    }

    public long sequence() { return sequence; }
    public Message message() { return message; }
    /** How many times this message was handed to a consumer. */
    public int deliveryCount() { return deliveryCount; }
    /** Whether an earlier delivery of this message may have been seen by a consumer. */
    public boolean redelivered() { return redelivered; }

    void markDelivered() {
        deliveryCount++;
    }

    void markRequeued() {
        redelivered = true;
    }
}
