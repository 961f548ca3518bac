package dev.revenant.broker.server;

import dev.revenant.broker.queue.EnqueueCredit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-connection publish credit: each message handed to a queue takes one unit, each enqueue the
 * queue has run gives it back. Past {@link #HIGH} units outstanding the connection stops reading
 * its socket (TCP pushes back on the publisher); below {@link #LOW} it reads again.
 */
final class PublishFlow implements EnqueueCredit {
    static final int HIGH = 20_000;
    static final int LOW = 10_000;

    private final AmqpConnection connection;
    private final AtomicInteger outstanding = new AtomicInteger();
    private volatile boolean paused;

    PublishFlow(AmqpConnection connection) {
        this.connection = connection;
    }

    /** Called on the connection's event loop for each message handed to a queue. */
    void sent() {
        if (outstanding.incrementAndGet() > HIGH && !paused) {
            paused = true;
            connection.updateReading();
        }
    }

    /** Whether queue backlogs hold this connection's reading back. */
    boolean paused() {
        return paused;
    }

    @Override
    public void processed() {
        if (outstanding.decrementAndGet() < LOW && paused) {
            connection.execute(this::resume);
        }
    }

    private void resume() {
        if (paused && outstanding.get() < LOW) {
            paused = false;
            connection.updateReading();
        }
    }
}
