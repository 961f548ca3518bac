package dev.revenant.broker.redrive;

/**
 * A token bucket on a caller-supplied clock: tokens accrue at {@code ratePerSecond} up to
 * {@code capacity}, and each moved message spends one. It starts with one token, so the first
 * message goes at once and no burst builds up before the first step. Not thread-safe.
 */
final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long lastNanos;

    TokenBucket(double ratePerSecond, double capacity, long nowNanos) {
        if (!(ratePerSecond > 0) || capacity < 1) {
            throw new IllegalArgumentException("rate must be positive and capacity at least 1");
        }
        this.ratePerNano = ratePerSecond / NANOS_PER_SECOND;
        this.capacity = capacity;
        this.tokens = 1;
        this.lastNanos = nowNanos;
    }

    /** A bucket for this rate holding at most a tenth of a second's worth of tokens (at least one). */
    static TokenBucket forRate(double ratePerSecond, long nowNanos) {
        return new TokenBucket(ratePerSecond, Math.max(1, ratePerSecond / 10), nowNanos);
    }

    /** Takes up to {@code wanted} whole tokens; returns how many it took. */
    int take(long nowNanos, int wanted) {
        refill(nowNanos);
        int granted = (int) Math.min(wanted, Math.floor(tokens));
        if (granted > 0) {
            tokens -= granted;
        }
        return Math.max(granted, 0);
    }

    /** Nanoseconds until a whole token is available (0 if one is now). */
    long nanosUntilToken(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / ratePerNano);
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * ratePerNano);
            lastNanos = nowNanos;
        }
    }
}
