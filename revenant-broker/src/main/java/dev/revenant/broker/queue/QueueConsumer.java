package dev.revenant.broker.queue;

/**
 * A subscriber of one queue, as the queue sees it. The queue calls these methods only from its
 * own executor; implementations hand deliveries off to their connection's thread and never block.
 */
public interface QueueConsumer {
    String tag();

    /** Whether deliveries are settled on sending (no-ack), so the queue forgets them at once. */
    boolean autoAck();

    /** Consumer priority ({@code x-priority}); higher is served first while it has credit. */
    int priority();

    /** Takes one unit of credit if the consumer can take a message now (prefetch, writability). */
    boolean tryReserve();

    /** Hands over one message whose credit {@link #tryReserve} already took. */
    void deliver(MessageQueue queue, QueuedMessage message);

    /** The queue was deleted under this consumer (send basic.cancel if the client supports it). */
    void queueDeleted(MessageQueue queue);
}
