package dev.revenant.broker.redrive;

import java.util.Objects;

/**
 * What a move task was asked to do; together with the moved count it is the whole state worth
 * persisting. {@code limit} and {@code ratePerSecond} are null when unbounded.
 *
 * @param vhost         the virtual host of the source queue
 * @param queue         the source queue
 * @param target        where messages go
 * @param limit         at most this many messages (positive), or null for every message ready at the start
 * @param ratePerSecond at most this many messages a second (positive), or null for as fast as possible
 */
public record MoveRequest(String vhost, String queue, MoveTarget target, Long limit, Double ratePerSecond) {
    /** Largest accepted rate, messages per second. */
    public static final double MAX_RATE = 1_000_000;

    public MoveRequest {
        Objects.requireNonNull(vhost, "vhost");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(target, "target");
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit must be a positive number of messages, was " + limit);
        }
        if (ratePerSecond != null && !(ratePerSecond > 0 && ratePerSecond <= MAX_RATE)) {
            throw new IllegalArgumentException("rate must be more than 0 and at most " + (long) MAX_RATE
                    + " messages per second, was " + ratePerSecond);
        }
    }
}
