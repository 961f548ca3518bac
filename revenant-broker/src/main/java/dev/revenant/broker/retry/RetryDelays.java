package dev.revenant.broker.retry;

import dev.revenant.broker.queue.arguments.DelayedRetryType;
import dev.revenant.broker.queue.arguments.QueueArguments;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A queue's retry backoff, from its arguments. Two independent schemes:
 * <ul>
 * <li>Revenant's {@code x-retry-delays} [d1, d2, ...]: the n-th failed attempt waits dn before
 * the next delivery; after the last delay the message is exhausted (dead-lettered).</li>
 * <li>RabbitMQ 4.3's delayed retry ({@code x-delayed-retry-type/min/max}): a message returned to
 * the queue waits min(min x delivery count, max) before it can be delivered again; the delivery
 * limit, not this, decides when it is given up.</li>
 * </ul>
 * Immutable; the arguments were validated by {@link QueueArguments#parse}.
 */
public final class RetryDelays {
    private static final RetryDelays NONE = new RetryDelays(null, DelayedRetryType.DISABLED, 0, OptionalLong.empty());

    private final List<Long> delays;
    private final DelayedRetryType type;
    private final long min;
    private final OptionalLong max;

    private RetryDelays(List<Long> delays, DelayedRetryType type, long min, OptionalLong max) {
        this.delays = delays == null ? null : List.copyOf(delays);
        this.type = type;
        this.min = min;
        this.max = max;
    }

    /** The backoff a queue declared with these arguments uses. */
    public static RetryDelays of(QueueArguments arguments) {
        return new RetryDelays(arguments.retryDelays().orElse(null), arguments.delayedRetryType(),
                arguments.delayedRetryMin().orElse(0), arguments.delayedRetryMax());
    }

    /** Revenant retries with these delays in milliseconds. */
    public static RetryDelays ofDelays(List<Long> delaysMillis) {
        return new RetryDelays(Objects.requireNonNull(delaysMillis), DelayedRetryType.DISABLED, 0, OptionalLong.empty());
    }

    /** RabbitMQ 4.3 delayed retry of the given type. */
    public static RetryDelays ofDelayedRetry(DelayedRetryType type, long minMillis, OptionalLong maxMillis) {
        return new RetryDelays(null, type, minMillis, maxMillis);
    }

    /** No retry backoff at all. */
    public static RetryDelays none() {
        return NONE;
    }

    /** Whether {@code x-retry-delays} is configured (so failures are retried, not dead-lettered at once). */
    public boolean retriesFailures() {
        return delays != null;
    }

    /**
     * The step after the {@code failures}-th failed attempt (1 for the first). Without
     * {@code x-retry-delays} every failure is exhausted at once, which is plain dead-lettering.
     */
    public RetryStep afterFailure(long failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures counts from 1: " + failures);
        }
        if (delays == null || failures > delays.size()) {
            return new RetryStep.Exhausted();
        }
        return new RetryStep.Retry(delays.get((int) (failures - 1)));
    }

    /**
     * How long a message returned to the queue waits before it can be delivered again; 0 for at
     * once. {@code countsAsFailure} says whether this return increased the delivery count (RabbitMQ
     * 4.3: basic.reject and lost channels do, basic.nack does not); {@code deliveryCount} is the
     * count after this return. A count below 1 still waits the minimum, and no wait exceeds
     * {@link QueueArguments#MAX_EXPIRY_MILLIS}.
     */
    public long returnDelayMillis(boolean countsAsFailure, long deliveryCount) {
        boolean applies = switch (type) {
            case DISABLED -> false;
            case ALL -> true;
            case FAILED -> countsAsFailure;
            case RETURNED -> !countsAsFailure;
        };
        if (!applies) {
            return 0;
        }
        long multiple = Math.max(1, deliveryCount);
        long delay = multiple > QueueArguments.MAX_EXPIRY_MILLIS / Math.max(1, min)
                ? QueueArguments.MAX_EXPIRY_MILLIS
                : Math.min(min * multiple, QueueArguments.MAX_EXPIRY_MILLIS);
        return max.isPresent() ? Math.min(delay, max.getAsLong()) : delay;
    }
}
