package dev.revenant.broker.exchange;

/** Where a binding leads: a queue or (exchange-to-exchange binding) another exchange. */
public interface Destination {
    String name();

    /** True for queues, false for exchanges. */
    boolean isQueue();
}
