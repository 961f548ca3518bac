package dev.revenant.client;

/**
 * What becomes of a message whose handler failed, as a pure function of the failure's kind, the
 * attempt that failed, the retries the topology allows and the circuit breaker: a transient
 * failure while the breaker is open waits in the queue, a permanent one or one past the last
 * retry is dead-lettered, anything else is retried.
 */
enum FailureDecision {
    /** Back to the work queue at once, untouched (the downstream is down: wait, don't burn it). */
    REQUEUE,
    /** Retry after the delay for this attempt. */
    RETRY,
    /** Record the failure on the message and send it to the dead-letter exchange. */
    DEAD_LETTER;

    /**
     * @param attempt 1-based number of the attempt that just failed
     * @param retries how many retries the topology allows (its number of retry delays)
     * @param breakerOpen whether the consumer's circuit breaker is open after this failure
     */
    static FailureDecision decide(FailureKind kind, int attempt, int retries, boolean breakerOpen) {
        if (kind == FailureKind.PERMANENT) {
            return DEAD_LETTER;
        }
        if (breakerOpen) {
            return REQUEUE;
        }
        return attempt <= retries ? RETRY : DEAD_LETTER;
    }
}
