package dev.revenant.store.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One flusher thread that turns many {@link #sync()} requests into one force per dirty file.
 * Invariant: a request completes only after every file enlisted before the request was made has
 * been forced; requests arriving during a force are served together by the next one.
 *
 * <p>Why it is correct: a writer writes, then enlists the file, then takes a ticket. The flusher
 * reads the ticket counter before draining the dirty list, so every ticket it serves was taken
 * after the corresponding enlist, which the drain therefore sees.
 */
final class GroupCommit implements AutoCloseable {
    private final AtomicLong tickets = new AtomicLong();
    private final ConcurrentLinkedQueue<SyncedFile> dirty = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final Thread flusher;
    private boolean closed;
    private long forces;

    private record Waiter(long ticket, CompletableFuture<Void> future) {
    }

    GroupCommit(String name) {
        flusher = new Thread(this::run, name);
        flusher.setDaemon(true);
        flusher.start();
    }

    void enlist(SyncedFile file) {
        dirty.add(file);
    }

    CompletableFuture<Void> sync() {
        CompletableFuture<Void> future = new CompletableFuture<>();
        long ticket = tickets.incrementAndGet();
        synchronized (this) {
            if (closed) {
                future.completeExceptionally(new IllegalStateException("store is closed"));
                return future;
            }
            waiters.add(new Waiter(ticket, future));
            notifyAll();
        }
        return future;
    }

    /** Number of force rounds run so far (for tests and benchmarks). */
    synchronized long forceRounds() {
        return forces;
    }

    /** Forces whatever is dirty now; only the flusher calls it, and close once the flusher is gone. */
    private void forceDirty() throws IOException {
        for (SyncedFile file; (file = dirty.poll()) != null; ) {
            file.forceForGroupCommit();
        }
    }

    private void run() {
        while (true) {
            synchronized (this) {
                while (waiters.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        closed = true;
                    }
                }
                if (waiters.isEmpty()) {
                    return;
                }
            }
            long served = tickets.get();
            Throwable failure = null;
            try {
                forceDirty();
            } catch (IOException | RuntimeException e) {
                failure = e instanceof IOException io ? new UncheckedIOException("disk sync failed", io) : e;
            }
            List<Waiter> done = new ArrayList<>();
            synchronized (this) {
                forces++;
                while (!waiters.isEmpty() && waiters.peek().ticket() <= served) {
                    done.add(waiters.poll());
                }
            }
            for (Waiter waiter : done) {
                if (failure == null) {
                    waiter.future().complete(null);
                } else {
                    waiter.future().completeExceptionally(failure);
                }
            }
        }
    }

    /** Serves every pending request, stops the flusher, then forces what is still dirty. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            flusher.join();
            forceDirty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException("disk sync at close failed", e);
        }
    }
}
