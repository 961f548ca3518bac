package dev.revenant.broker.queue;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A queue's timer: wakes the queue (on its own executor) at the earliest moment something is due,
 * a message's expiry, the end of a retry delay, or the queue's own {@code x-expires} idle limit.
 * At most one wake-up per deadline is scheduled; a wake-up that finds nothing due is harmless.
 * Used only on the queue's executor.
 */
final class QueueClock {
    private final ScheduledExecutorService timer;
    private final Executor executor;
    private final Runnable onTimer;
    private long expiresMillis;
    private long lastUsedMillis = System.currentTimeMillis();
    private long scheduledWakeAt = Long.MAX_VALUE;

    QueueClock(ScheduledExecutorService timer, Executor executor, Runnable onTimer, long expiresMillis) {
        this.timer = timer;
        this.executor = executor;
        this.onTimer = onTimer;
        this.expiresMillis = expiresMillis;
        scheduleIdleCheck();
    }

    /** The queue was used (declared, consumed from, read by basic.get): the idle limit starts again. */
    void markUsed() {
        lastUsedMillis = System.currentTimeMillis();
    }

    /** A policy changed the idle limit (0: none); the idle time so far counts against the new one. */
    void expiresMillis(long millis) {
        expiresMillis = millis;
        scheduleIdleCheck();
    }

    /** Whether the queue has been unused for its whole {@code x-expires} limit. */
    boolean idleExpired() {
        return expiresMillis > 0 && System.currentTimeMillis() - lastUsedMillis >= expiresMillis;
    }

    /** Makes sure the queue wakes up no later than {@code atMillis} ({@link Long#MAX_VALUE}: nothing due). */
    void wakeAt(long atMillis) {
        if (atMillis == Long.MAX_VALUE || atMillis >= scheduledWakeAt) {
            return;
        }
        scheduledWakeAt = atMillis;
        long delay = Math.max(0, atMillis - System.currentTimeMillis());
        timer.schedule(() -> executor.execute(this::fire), delay, TimeUnit.MILLISECONDS);
    }

    private void fire() {
        if (System.currentTimeMillis() >= scheduledWakeAt) {
            scheduledWakeAt = Long.MAX_VALUE;
        }
        scheduleIdleCheck();
        onTimer.run();
    }

    private void scheduleIdleCheck() {
        if (expiresMillis > 0) {
            wakeAt(lastUsedMillis + expiresMillis);
        }
    }
}
