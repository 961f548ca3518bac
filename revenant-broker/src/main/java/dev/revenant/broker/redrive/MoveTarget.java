package dev.revenant.broker.redrive;

import java.util.Objects;

/**
 * Where a move sends each message: back to its origin (the queue it was first dead-lettered from,
 * read from its {@code x-death} headers) or to a named exchange with a routing key. Immutable and
 * small, so a task's target is easy to persist.
 */
public sealed interface MoveTarget permits MoveTarget.Origin, MoveTarget.ToExchange {

    /** Back to the queue each message was first dead-lettered from. */
    static MoveTarget origin() {
        return new Origin();
    }

    /** To this exchange ("" is the default exchange) with this routing key. */
    static MoveTarget exchange(String exchange, String routingKey) {
        return new ToExchange(exchange, routingKey);
    }

    /** A short human description, e.g. {@code origin} or {@code exchange 'orders' key 'paid'}. */
    String describe();

    /**
     * Each message goes straight into its {@code x-first-death-queue} (as publishing to the default
     * exchange with the queue's name would), so only the queue that failed it sees it again, not
     * every queue bound to the original exchange. The copy shows the exchange and routing key it
     * was originally published with, so its consumer sees the same envelope as the first time.
     */
    record Origin() implements MoveTarget {
        @Override
        public String describe() {
            return "origin";
        }
    }

    /** Published to {@code exchange} with {@code routingKey}, routed by its bindings. */
    record ToExchange(String exchange, String routingKey) implements MoveTarget {
        public ToExchange {
            Objects.requireNonNull(exchange, "exchange");
            Objects.requireNonNull(routingKey, "routingKey");
        }

        @Override
        public String describe() {
            return (exchange.isEmpty() ? "the default exchange" : "exchange '" + exchange + "'")
                    + " with routing key '" + routingKey + "'";
        }
    }
}
