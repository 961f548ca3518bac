package dev.revenant.broker.vhost;

import dev.revenant.broker.durable.StoredMessages;
import dev.revenant.broker.exchange.DelayedRouting;
import dev.revenant.broker.exchange.DueTimeQueue;
import dev.revenant.broker.exchange.Exchange;
import dev.revenant.broker.message.Message;
import dev.revenant.broker.queue.EnqueueCredit;
import dev.revenant.broker.queue.MessageQueue;
import dev.revenant.broker.queue.PublishConfirmation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Messages published to {@code x-delayed-message} exchanges, held in memory until their
 * {@code x-delay} is over and then routed once, as the plugin does (no return, no confirm: both
 * happened at publish). One heap ordered by due time and one pending wake-up on the shared timer,
 * however many messages wait; the wake-up always targets the earliest due time.
 */
public final class DelayedMessages {
    /** Messages routed per timer run, so a burst coming due does not hold up the queues' timers. */
    private static final int BATCH = 500;

    private record Held(Exchange exchange, List<String> routingKeys, Message message, long delayMillis) {
    }

    private final VirtualHost vhost;
    private final ScheduledExecutorService timer;
    private final DueTimeQueue<Held> pending = new DueTimeQueue<>();
    private ScheduledFuture<?> wake;
    private long wakeAt = Long.MAX_VALUE;

    DelayedMessages(VirtualHost vhost, ScheduledExecutorService timer) {
        this.vhost = vhost;
        this.timer = timer;
    }

    /** Holds a message published to {@code exchange} for {@code delayMillis} before routing it. */
    public void hold(Exchange exchange, List<String> routingKeys, Message message, long delayMillis) {
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
        synchronized (this) {
            pending.add(due, new Held(exchange, List.copyOf(routingKeys), message, delayMillis));
            if (due < wakeAt) {
                wakeAt(due);
            }
        }
    }

    /** Messages held right now. */
    public synchronized int size() {
        return pending.size();
    }

    private void wakeAt(long due) {
        if (wake != null) {
            wake.cancel(false);
        }
        wakeAt = due;
        wake = timer.schedule(this::release, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void release() {
        List<Held> due = new ArrayList<>();
        synchronized (this) {
            wake = null;
            wakeAt = Long.MAX_VALUE;
            pending.pollDue(System.nanoTime(), BATCH, due);
            long next = pending.nextDue();
            if (next != Long.MAX_VALUE) {
                wakeAt(next);
            }
        }
        for (Held held : due) {
            try {
                route(held);
            } catch (RuntimeException e) {
                // One message failing to route must not stop the others nor kill the shared timer.
                System.getLogger(DelayedMessages.class.getName()).log(System.Logger.Level.WARNING,
                        "delayed message from exchange '" + held.exchange().name() + "' dropped", e);
            }
        }
    }

    private void route(Held held) {
        // An exchange deleted (or deleted and declared again) meanwhile takes its held messages with it.
        if (vhost.exchange(held.exchange().name()) != held.exchange()) {
            return;
        }
        // Re-encoded on release, not on publish, so holding stays cheap for the publisher.
        Message message = held.message().withHeader("x-delay", DelayedRouting.releasedDelayHeader(held.delayMillis()));
        List<MessageQueue> queues = vhost.router().route(held.exchange(), held.routingKeys(), message.headers());
        int stored = 0;
        for (MessageQueue queue : queues) {
            if (queue.storesPersistently(message)) {
                stored++;
            }
        }
        if (stored > 0) {
            message = message.withLocation(vhost.store().append(true, stored, StoredMessages.encode(message)));
        }
        for (MessageQueue queue : queues) {
            queue.enqueue(message, EnqueueCredit.NONE, PublishConfirmation.NONE);
        }
    }
}
