package dev.revenant.store.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One flusher thread that turns many {@link #sync()} requests into one force per dirty file,
 * forcing several files in parallel. Invariant: a request completes only after every file
 * enlisted before the request was made has been flushed and forced; requests arriving during a
 * round are served together by the next one; once a force has failed, every request fails (the
 * store must be reopened). Between requests, buffered writes are pushed to the
 * OS every {@code flushIntervalMillis}, so a process kill loses at most that much unsynced work.
 *
 * <p>Why it is correct: a writer writes, then enlists the file, then takes a ticket. The flusher
 * reads the ticket counter before draining the dirty list, so every ticket it serves was taken
 * after the corresponding enlist, which the drain therefore sees.
 */
final class GroupCommit implements AutoCloseable {
    private static final int SYNC_THREADS = 4;

    private final AtomicLong tickets = new AtomicLong();
    private final ConcurrentLinkedQueue<SyncedFile> dirty = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final ExecutorService syncPool;
    private final long flushIntervalMillis;
    private final Thread flusher;
    private boolean closed;
    private long rounds;
    /** The first failed force: after it nothing can be promised durable, so every sync fails. */
    private Throwable broken;

    private record Waiter(long ticket, CompletableFuture<Void> future) {
    }

    GroupCommit(String name, long flushIntervalMillis) {
        this.flushIntervalMillis = flushIntervalMillis;
        this.syncPool = Executors.newFixedThreadPool(SYNC_THREADS, runnable -> {
            Thread thread = new Thread(runnable, name + "-force");
            thread.setDaemon(true);
            return thread;
        });
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
    synchronized long rounds() {
        return rounds;
    }

    private void run() {
        while (true) {
            synchronized (this) {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(flushIntervalMillis);
                while (waiters.isEmpty() && !closed) {
                    long wait = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (wait <= 0) {
                        break;
                    }
                    try {
                        wait(wait);
                    } catch (InterruptedException e) {
                        closed = true;
                    }
                }
                if (waiters.isEmpty() && closed) {
                    return;
                }
            }
            if (waiters()) {
                forceRound();
            } else {
                flushOnly();
            }
        }
    }

    private synchronized boolean waiters() {
        return !waiters.isEmpty();
    }

    private void flushOnly() {
        for (SyncedFile file : dirty) {
            try {
                file.flushPending();
            } catch (IOException e) {
                // The next force round reports it to whoever waits for durability.
            }
        }
    }

    private void forceRound() {
        long served = tickets.get();
        try {
            forceDirty();
        } catch (IOException | RuntimeException e) {
            // Pages that failed to write may have been dropped by the OS: a later force could
            // "succeed" without them, so the failure sticks.
            synchronized (this) {
                if (broken == null) {
                    broken = e instanceof IOException io ? new UncheckedIOException("disk sync failed", io) : e;
                }
            }
        }
        List<Waiter> done = new ArrayList<>();
        Throwable failure;
        synchronized (this) {
            rounds++;
            failure = broken;
            // Tickets are taken before the lock, so the deque is only roughly ordered.
            for (var iterator = waiters.iterator(); iterator.hasNext(); ) {
                Waiter waiter = iterator.next();
                if (waiter.ticket() <= served) {
                    done.add(waiter);
                    iterator.remove();
                }
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

    /** Forces what is dirty now; only the flusher calls it, and close once the flusher is gone. */
    private void forceDirty() throws IOException {
        List<SyncedFile> files = new ArrayList<>();
        for (SyncedFile file; (file = dirty.poll()) != null; ) {
            files.add(file);
        }
        if (files.size() == 1) {
            files.get(0).forceForGroupCommit();
            return;
        }
        // Forcing files one after another costs one device flush each; in parallel they overlap.
        List<java.util.concurrent.Future<?>> running = new ArrayList<>();
        for (int i = 1; i < files.size(); i++) {
            SyncedFile file = files.get(i);
            running.add(syncPool.submit(() -> {
                file.forceForGroupCommit();
                return null;
            }));
        }
        IOException failure = null;
        try {
            if (!files.isEmpty()) {
                files.get(0).forceForGroupCommit();
            }
        } catch (IOException e) {
            failure = e;
        }
        for (java.util.concurrent.Future<?> each : running) {
            try {
                each.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while forcing", e);
            }
        }
        if (failure != null) {
            throw failure;
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
        } finally {
            syncPool.shutdownNow();
        }
    }
}
