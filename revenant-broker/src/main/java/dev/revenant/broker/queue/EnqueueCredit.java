package dev.revenant.broker.queue;

/**
 * Flow control between a publishing connection and the queues it feeds: the queue calls
 * {@link #processed} once an enqueue task has run, so a publisher can stop reading its socket
 * while too many of its messages wait in queue task backlogs (RabbitMQ's credit flow).
 */
public interface EnqueueCredit {
    /** Does nothing: for messages that are not throttled (e.g. broker-internal moves). */
    EnqueueCredit NONE = () -> { };

    void processed();
}
