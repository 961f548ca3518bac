package dev.revenant.broker.redrive;

import dev.revenant.broker.queue.MessageQueue;
import dev.revenant.broker.vhost.VirtualHost;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The move tasks of one broker, by id, and the one scheduler thread that paces them. Tasks live
 * in memory only: they do not survive a broker restart (the state worth persisting is the
 * {@link MoveRequest} and the moved count). The newest {@value #KEEP_ENDED} ended tasks are kept
 * for their reports; older ones are forgotten.
 */
public final class MoveTasks implements AutoCloseable {
    static final int KEEP_ENDED = 1000;

    private final Function<String, VirtualHost> virtualHosts;
    private final ScheduledExecutorService scheduler;
    private final Map<String, MoveTask> tasks = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** @param virtualHosts finds a virtual host by name (null when missing), e.g. {@code broker::virtualHost} */
    public MoveTasks(Function<String, VirtualHost> virtualHosts) {
        this.virtualHosts = virtualHosts;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "revenant-move");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a move. "Every message" means those ready when it starts (counted on the queue's own
     * executor, so every publish confirmed before this call is included); messages arriving later
     * are left for another task, which also keeps a move into its own source queue finite.
     *
     * @throws NoSuchElementException when the virtual host or the queue does not exist
     */
    public MoveTask start(MoveRequest request) {
        VirtualHost vhost = virtualHosts.apply(request.vhost());
        if (vhost == null) {
            throw new NoSuchElementException("no vhost '" + request.vhost() + "'");
        }
        MessageQueue source = vhost.queue(request.queue());
        if (source == null) {
            throw new NoSuchElementException("no queue '" + request.queue() + "' in vhost '" + request.vhost() + "'");
        }
        long ready = readyCount(source, request);
        MoveTask task = new MoveTask(String.valueOf(ids.incrementAndGet()), request, vhost, source, ready, scheduler);
        synchronized (tasks) {
            tasks.put(task.id(), task);
            forgetOldEnded();
        }
        task.begin();
        return task;
    }

    /** The task of that id, if it is known. */
    public Optional<MoveTask> task(String id) {
        synchronized (tasks) {
            return Optional.ofNullable(tasks.get(id));
        }
    }

    /** Every known task, oldest first. */
    public List<MoveTask> tasks() {
        synchronized (tasks) {
            return new ArrayList<>(tasks.values());
        }
    }

    /** Cancels every task and stops the scheduler; messages in flight keep their copies. */
    @Override
    public void close() {
        tasks().forEach(MoveTask::cancel);
        scheduler.shutdownNow();
    }

    private static long readyCount(MessageQueue source, MoveRequest request) {
        try {
            return source.call(source::readyCountSnapshot).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new NoSuchElementException("no queue '" + request.queue() + "' in vhost '" + request.vhost() + "'");
        } catch (TimeoutException e) {
            throw new IllegalStateException("queue '" + request.queue() + "' did not answer within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting a move", e);
        }
    }

    private void forgetOldEnded() {
        int ended = 0;
        for (MoveTask task : tasks.values()) {
            if (task.progress().finishedAt() != null) {
                ended++;
            }
        }
        Iterator<MoveTask> oldestFirst = tasks.values().iterator();
        while (ended > KEEP_ENDED && oldestFirst.hasNext()) {
            if (oldestFirst.next().progress().finishedAt() != null) {
                oldestFirst.remove();
                ended--;
            }
        }
    }
}
