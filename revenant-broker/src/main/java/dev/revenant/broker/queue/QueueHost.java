package dev.revenant.broker.queue;

import java.util.concurrent.ScheduledExecutorService;

/** What a queue needs from the virtual host that owns it. */
public interface QueueHost {
    /** Removes the queue from the registry and its bindings; called on the queue's executor. */
    void queueDeleted(MessageQueue queue);

    /** Shared timer for expiries; tasks it runs must hop onto the queue's executor. */
    ScheduledExecutorService timer();
}
