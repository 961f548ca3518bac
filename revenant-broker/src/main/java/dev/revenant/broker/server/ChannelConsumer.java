package dev.revenant.broker.server;

import dev.revenant.broker.queue.MessageQueue;
import dev.revenant.broker.queue.QueueConsumer;
import dev.revenant.broker.queue.QueuedMessage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A basic.consume subscription as its queue sees it. Credit (per-consumer prefetch, the
 * channel's global prefetch, socket writability) is taken on the queue's thread and given back on
 * the channel's thread, hence the atomics; deliveries are handed to the channel's event loop.
 */
final class ChannelConsumer implements QueueConsumer {
    private final AmqpChannel channel;
    private final String tag;
    private final MessageQueue queue;
    private final boolean autoAck;
    private final int priority;
    private final int prefetch;
    private final AtomicInteger credit;
    private volatile boolean cancelled;

    ChannelConsumer(AmqpChannel channel, String tag, MessageQueue queue, boolean autoAck, int priority, int prefetch) {
        this.channel = channel;
        this.tag = tag;
        this.queue = queue;
        this.autoAck = autoAck;
        this.priority = priority;
        this.prefetch = prefetch;
        this.credit = new AtomicInteger(prefetch);
    }

    @Override public String tag() { return tag; }
    @Override public boolean autoAck() { return autoAck; }
    @Override public int priority() { return priority; }
    MessageQueue queue() { return queue; }
    boolean cancelled() { return cancelled; }

    void cancel() {
        cancelled = true;
    }

    @Override
    public boolean tryReserve() {
        if (cancelled || !channel.canDeliver()) {
            return false;
        }
        if (autoAck) {
            return true;
        }
        if (prefetch > 0 && credit.decrementAndGet() < 0) {
            credit.incrementAndGet();
            return false;
        }
        if (!channel.reserveGlobalCredit()) {
            if (prefetch > 0) {
                credit.incrementAndGet();
            }
            return false;
        }
        return true;
    }

    /** Gives back the credit of one settled delivery. */
    void release() {
        if (prefetch > 0) {
            credit.incrementAndGet();
        }
    }

    @Override
    public void deliver(MessageQueue from, QueuedMessage message) {
        channel.enqueueDelivery(this, message);
    }

    @Override
    public void queueDeleted(MessageQueue deleted) {
        cancelled = true;
        channel.execute(() -> channel.consumerCancelledByBroker(this));
    }
}
