package dev.revenant.broker.redrive;

import dev.revenant.broker.queue.MessageQueue;
import dev.revenant.broker.queue.QueuedMessage;
import dev.revenant.broker.vhost.VirtualHost;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One move: takes messages from the head of the source queue (unacknowledged, like basic.get),
 * enqueues a copy to the target, and acknowledges the original only once every target queue has
 * taken the copy; a copy that cannot be placed returns its original to the queue and fails the
 * task, so no message is ever lost (a crash in between leaves a duplicate, never a gap). At most
 * {@value #WINDOW} messages are in flight; a token bucket on the scheduler paces them to the rate.
 * State is guarded by this object's monitor, never held while calling into a queue.
 */
public final class MoveTask {
    /** Messages taken but not yet settled, at most. */
    static final int WINDOW = 64;
    private static final Logger LOG = LoggerFactory.getLogger(MoveTask.class);

    private final String id;
    private final MoveRequest request;
    private final VirtualHost vhost;
    private final MessageQueue source;
    private final ScheduledExecutorService scheduler;
    private final TokenBucket bucket;
    private final long total;
    private final Instant startedAt = Instant.now();
    private final CompletableFuture<MoveProgress> finished = new CompletableFuture<>();

    private MoveState state = MoveState.RUNNING;
    private long taken;
    private long moved;
    private int inFlight;
    private boolean sourceExhausted;
    private boolean stepScheduled;
    private String lastError;
    private Instant finishedAt;

    MoveTask(String id, MoveRequest request, VirtualHost vhost, MessageQueue source, long readyAtStart,
             ScheduledExecutorService scheduler) {
        this.id = id;
        this.request = request;
        this.vhost = vhost;
        this.source = source;
        this.scheduler = scheduler;
        this.total = request.limit() == null ? readyAtStart : Math.min(request.limit(), readyAtStart);
        this.bucket = request.ratePerSecond() == null ? null : TokenBucket.forRate(request.ratePerSecond(), System.nanoTime());
    }

    public String id() { return id; }
    public MoveRequest request() { return request; }

    /** Where the task is now; once terminal with a finish time, its final report. */
    public synchronized MoveProgress progress() {
        long remaining = state == MoveState.COMPLETED ? 0
                : Math.max(0, Math.min(total - moved, (long) source.readyCountSnapshot() + inFlight));
        return new MoveProgress(id, request, state, total, moved, remaining, inFlight, startedAt, finishedAt, lastError);
    }

    /** Completes with the final report once the task has ended and its last message settled. */
    public CompletableFuture<MoveProgress> completion() {
        return finished.copy();
    }

    /** Stops taking messages (those in flight still settle); idempotent while paused. */
    public synchronized void pause() {
        requireNotEnded("pause");
        state = MoveState.PAUSED;
    }

    /** Goes on after {@link #pause}; idempotent while running. */
    public void resume() {
        synchronized (this) {
            requireNotEnded("resume");
            state = MoveState.RUNNING;
        }
        scheduleStep(0);
    }

    /** Ends the task; messages in flight still settle (their copies are kept). No-op once ended. */
    public void cancel() {
        boolean justFinished;
        synchronized (this) {
            if (!state.terminal()) {
                state = MoveState.CANCELLED;
            }
            justFinished = finishIfDone();
        }
        announceIfFinished(justFinished);
    }

    void begin() {
        boolean justFinished;
        synchronized (this) {
            justFinished = finishIfDone();
        }
        announceIfFinished(justFinished);
        scheduleStep(0);
    }

    private void requireNotEnded(String action) {
        if (state.terminal()) {
            throw new IllegalStateException("cannot " + action + " move task " + id + ": it is " + state.wireName());
        }
    }

    private void step() {
        int toTake;
        long retryInNanos = -1;
        synchronized (this) {
            stepScheduled = false;
            long wanted = Math.min(WINDOW - inFlight, total - taken);
            if (state != MoveState.RUNNING || sourceExhausted || wanted <= 0) {
                return; // a settling message schedules the next step when the window opens
            }
            long now = System.nanoTime();
            toTake = bucket == null ? (int) wanted : bucket.take(now, (int) wanted);
            if (toTake < wanted) {
                retryInNanos = Math.max(bucket.nanosUntilToken(now), 1_000_000L);
            }
            taken += toTake;
            inFlight += toTake;
        }
        for (int i = 0; i < toTake; i++) {
            source.get(false).whenComplete(this::onTaken);
        }
        if (retryInNanos >= 0) {
            scheduleStep(retryInNanos);
        }
    }

    private void onTaken(MessageQueue.GetResult result, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            settleUntaken(source.isDeleted() ? "source queue '" + source.name() + "' was deleted" : cause.getMessage());
            return;
        }
        if (result == null) {
            settleUntaken(null);
            return;
        }
        QueuedMessage queued = result.message();
        CopyRoute route;
        try {
            route = CopyRoute.resolve(vhost, request.target(), queued.message(), source.name());
        } catch (MoveFailure e) {
            giveBack(queued.sequence(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.error("move task {}: resolving the target of message {} failed", id, queued.message().id(), e);
            giveBack(queued.sequence(), "internal error: " + e);
            return;
        }
        route.deliver().whenComplete((refusal, deliveryError) -> {
            if (deliveryError != null || refusal.isPresent()) {
                giveBack(queued.sequence(), deliveryError != null ? "internal error: " + deliveryError : refusal.get());
            } else {
                source.ack(new long[] {queued.sequence()}, 1);
                settleMoved();
            }
        });
    }

    /** The source had nothing to give (empty: {@code reason} null) or failed. */
    private void settleUntaken(String reason) {
        boolean justFinished;
        synchronized (this) {
            inFlight--;
            taken--;
            if (reason == null) {
                sourceExhausted = true;
            } else {
                fail(reason);
            }
            justFinished = finishIfDone();
        }
        announceIfFinished(justFinished);
    }

    /**
     * The copy could not be placed: fail first (so no new take can see the original again), return
     * the original, and only then settle it, so the final report is counted after every return.
     */
    private void giveBack(long sequence, String reason) {
        synchronized (this) {
            fail(reason);
        }
        source.requeue(new long[] {sequence}, 1, false);
        boolean justFinished;
        synchronized (this) {
            inFlight--;
            taken--;
            justFinished = finishIfDone();
        }
        announceIfFinished(justFinished);
    }

    private void settleMoved() {
        boolean justFinished;
        boolean more;
        synchronized (this) {
            inFlight--;
            moved++;
            justFinished = finishIfDone();
            more = state == MoveState.RUNNING && !justFinished;
        }
        announceIfFinished(justFinished);
        if (more) {
            scheduleStep(0);
        }
    }

    private void fail(String reason) {
        if (lastError == null) {
            lastError = reason;
            LOG.warn("move task {} from queue '{}' in vhost '{}' failed: {}", id, source.name(), vhost.name(), reason);
        }
        if (!state.terminal()) {
            state = MoveState.FAILED;
        }
    }

    /** Under the monitor: completes a running task with nothing left, and stamps the end once nothing is in flight. */
    private boolean finishIfDone() {
        if (finishedAt != null || inFlight > 0) {
            return false;
        }
        if (state == MoveState.RUNNING && (taken >= total || sourceExhausted)) {
            state = MoveState.COMPLETED;
        }
        if (state.terminal()) {
            finishedAt = Instant.now();
            return true;
        }
        return false;
    }

    private void announceIfFinished(boolean justFinished) {
        if (justFinished) {
            // Counted on the source's executor, after the returns posted before, so "remaining" is exact.
            CompletableFuture<MoveProgress> counted;
            try {
                counted = source.call(this::progress);
            } catch (RejectedExecutionException brokerClosed) {
                counted = CompletableFuture.completedFuture(progress());
            }
            counted.whenComplete((report, error) -> {
                MoveProgress last = report != null ? report : progress();
                LOG.info("move task {} from queue '{}' to {} ended {}: {} moved", id, source.name(),
                        request.target().describe(), last.state().wireName(), last.moved());
                finished.complete(last);
            });
        }
    }

    private void scheduleStep(long delayNanos) {
        synchronized (this) {
            if (stepScheduled || state != MoveState.RUNNING) {
                return;
            }
            stepScheduled = true;
        }
        try {
            scheduler.schedule(this::step, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            cancel(); // the registry is closing
        }
    }

    /** The last error, if any. */
    public synchronized Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }
}
