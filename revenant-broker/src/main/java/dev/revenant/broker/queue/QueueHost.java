package dev.revenant.broker.queue;

import dev.revenant.broker.deadletter.DeadLetterReason;
import dev.revenant.broker.message.Message;
import java.util.concurrent.ScheduledExecutorService;

/** What a queue needs from the virtual host that owns it. */
public interface QueueHost {
    /** Removes the queue from the registry and its bindings; called on the queue's executor. */
    void queueDeleted(MessageQueue queue);

    /**
     * Republishes a message that died in {@code source} to the queue's dead-letter exchange, with
     * its {@code x-death} history; drops it if the queue has none. Called on the queue's executor.
     */
    java.util.concurrent.CompletableFuture<Void> deadLetter(MessageQueue source, Message message, DeadLetterReason reason);

    /** The queue was paused or resumed (the state survives a restart for durable queues). */
    void pausedChanged(MessageQueue queue);

    /** Shared timer for expiries; tasks it runs must hop onto the queue's executor. */
    ScheduledExecutorService timer();
}
