package dev.revenant.client;

import java.time.Instant;

/**
 * A snapshot of a {@link DeadLetterReplayer}'s work: what it is doing, what the last probe said,
 * how deep the dead-letter queue was when last looked at, and running totals since start.
 *
 * @param state what the replayer is doing
 * @param healthy what the last health probe answered
 * @param deadLetterDepth ready messages in the dead-letter queue when last counted (-1: unknown)
 * @param replayed messages sent back to the work queue since start
 * @param parked messages sent to the parking lot since start (replayed too often)
 * @param lastError the last problem met (connection, missing queue...), or null
 * @param at when this snapshot was taken
 */
public record ReplayProgress(State state, boolean healthy, long deadLetterDepth, long replayed, long parked,
                             String lastError, Instant at) {

    /** What a replayer is doing. */
    public enum State {
        /** Started, first probe not yet run. */
        STARTING,
        /** The downstream is unhealthy: nothing is replayed. */
        WAITING_FOR_HEALTH,
        /** Healthy and the dead-letter queue is empty. */
        IDLE,
        /** Moving messages back at the configured rate. */
        REPLAYING,
        /** Closed. */
        STOPPED
    }
}
