package dev.revenant.client;

/** Where a {@link ResilientConsumer} is in its life and, when it has a circuit breaker, its breaker. */
public enum ConsumerState {
    /** Built, not started. */
    NEW,
    /** Consuming on every worker (breaker closed, or no breaker). */
    RUNNING,
    /** Breaker open: no worker consumes; messages wait in the queue. */
    PAUSED,
    /** Breaker half-open: one worker takes trial messages. */
    TRIAL,
    /** Closed: all in-flight messages finished, connection closed. */
    STOPPED
}
