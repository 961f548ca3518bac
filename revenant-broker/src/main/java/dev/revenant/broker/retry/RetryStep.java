package dev.revenant.broker.retry;

/** What happens to a message after a failed attempt under {@code x-retry-delays}. */
public sealed interface RetryStep permits RetryStep.Retry, RetryStep.Exhausted {

    /** Deliver it again once {@code delayMillis} have passed. */
    record Retry(long delayMillis) implements RetryStep {
    }

    /** The delays are used up: dead-letter it (or drop it without a dead-letter exchange). */
    record Exhausted() implements RetryStep {
    }
}
