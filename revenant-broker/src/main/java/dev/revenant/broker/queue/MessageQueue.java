package dev.revenant.broker.queue;

import dev.revenant.broker.AmqpException;
import dev.revenant.broker.concurrent.SerialExecutor;
import dev.revenant.broker.exchange.Destination;
import dev.revenant.broker.message.Message;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A queue: ready messages, messages delivered but not yet settled, and consumers. All of its
 * state is touched only on its own {@link SerialExecutor}; every public method is safe from any
 * thread and either posts a task or returns a future completed on that executor.
 */
public final class MessageQueue implements Destination {
    private final QueueSettings settings;
    private final String vhost;
    private final Object exclusiveOwner;
    private final QueueHost host;
    private final SerialExecutor executor;

    private final ReadyMessages ready;
    private final Map<Long, QueuedMessage> unacked = new HashMap<>();
    private final ConsumerSet consumers;
    private final Runnable dispatchTask = this::dispatch;
    private long nextSequence;
    private boolean deleted;
    private boolean hadConsumers;
    private boolean exclusiveConsumerPresent;
    private long lastUsedNanos = System.nanoTime();
    private volatile boolean dispatchPending;
    private volatile int readyCount;
    private volatile int consumerCount;

    public MessageQueue(QueueSettings settings, String vhost, Object exclusiveOwner, QueueHost host, Executor pool) {
        this.settings = settings;
        this.vhost = vhost;
        this.exclusiveOwner = exclusiveOwner;
        this.host = host;
        this.executor = new SerialExecutor(pool, "queue " + settings.name());
        this.ready = new ReadyMessages(settings.maxPriority());
        this.consumers = new ConsumerSet(settings.singleActiveConsumer());
        scheduleExpiryCheck(settings.expiresMillis());
    }

    @Override
    public String name() { return settings.name(); }

    @Override
    public boolean isQueue() { return true; }

    public String vhost() { return vhost; }
    public QueueSettings settings() { return settings; }
    /** The connection that owns this exclusive queue, or null if it is not exclusive. */
    public Object exclusiveOwner() { return exclusiveOwner; }
    /** Ready messages, as last seen by the queue's executor (for statistics). */
    public int readyCountSnapshot() { return readyCount; }
    public int consumerCountSnapshot() { return consumerCount; }

    /** Runs work on this queue's executor and completes with its result. */
    public <T> CompletableFuture<T> call(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * Appends a routed message; {@code credit} is told once the enqueue has run and
     * {@code confirmation} whether the queue took it.
     */
    public void enqueue(Message message, EnqueueCredit credit, PublishConfirmation confirmation) {
        executor.execute(() -> {
            credit.processed();
            if (deleted) {
                confirmation.settled(true); // routed before the delete: RabbitMQ confirms these too
                return;
            }
            ready.add(new QueuedMessage(nextSequence++, message));
            confirmation.settled(true);
            afterChange();
        });
    }

    /** Whether a publisher in confirm mode must wait for this queue's answer for this message. */
    public boolean confirmsAsynchronously(Message message) {
        return false;
    }

    /** Counts of ready messages and consumers, as queue.declare-ok reports them; marks the queue used. */
    public CompletableFuture<QueueCounts> declared() {
        return call(() -> {
            lastUsedNanos = System.nanoTime();
            return counts();
        });
    }

    /** Registers a consumer; {@code beforeFirstDelivery} runs on the queue executor before any delivery. */
    public CompletableFuture<QueueCounts> addConsumer(QueueConsumer consumer, boolean exclusive, Runnable beforeFirstDelivery) {
        return call(() -> {
            ensureExists();
            if (exclusive && !consumers.isEmpty()) {
                throw AmqpException.channel(AmqpException.ACCESS_REFUSED,
                        "queue '" + name() + "' in vhost '" + vhost + "' in exclusive use");
            }
            if (exclusiveConsumerPresent) {
                throw AmqpException.channel(AmqpException.ACCESS_REFUSED,
                        "queue '" + name() + "' in vhost '" + vhost + "' in exclusive use");
            }
            exclusiveConsumerPresent = exclusive;
            consumers.add(consumer);
            hadConsumers = true;
            beforeFirstDelivery.run();
            afterChange();
            return counts();
        });
    }

    /** Removes a consumer (basic.cancel or its channel closed); may auto-delete the queue. */
    public void removeConsumer(QueueConsumer consumer) {
        executor.execute(() -> {
            if (consumers.remove(consumer)) {
                exclusiveConsumerPresent = false;
                lastUsedNanos = System.nanoTime();
                if (consumers.isEmpty() && settings.autoDelete() && hadConsumers) {
                    delete();
                    return;
                }
                afterChange();
            }
        });
    }

    /** Settles delivered messages as done. */
    public void ack(long[] sequences, int count) {
        executor.execute(() -> {
            for (int i = 0; i < count; i++) {
                unacked.remove(sequences[i]);
            }
            afterChange();
        });
    }

    /** Puts delivered messages back at their original positions, marked redelivered. */
    public void requeue(long[] sequences, int count) {
        executor.execute(() -> {
            for (int i = 0; i < count; i++) {
                QueuedMessage m = unacked.remove(sequences[i]);
                if (m != null && !deleted) {
                    m.markRequeued();
                    ready.requeue(m);
                }
            }
            afterChange();
        });
    }

    /** Drops delivered messages rejected without requeue (dead-lettering hooks in here). */
    public void reject(long[] sequences, int count) {
        ack(sequences, count);
    }

    /** Takes the next ready message for basic.get, or null; unsettled unless {@code autoAck}. */
    public CompletableFuture<GetResult> get(boolean autoAck) {
        return call(() -> {
            ensureExists();
            lastUsedNanos = System.nanoTime();
            QueuedMessage m = ready.poll();
            if (m == null) {
                updateCounts();
                return null;
            }
            m.markDelivered();
            if (!autoAck) {
                unacked.put(m.sequence(), m);
            }
            updateCounts();
            return new GetResult(m, ready.size());
        });
    }

    /** Removes every ready message; completes with how many. */
    public CompletableFuture<Integer> purge() {
        return call(() -> {
            ensureExists();
            int n = ready.clear().size();
            updateCounts();
            return n;
        });
    }

    /** Deletes the queue unless a condition forbids it; completes with the ready count it had. */
    public CompletableFuture<Integer> delete(boolean ifUnused, boolean ifEmpty) {
        return call(() -> {
            if (deleted) {
                return 0;
            }
            if (ifUnused && !consumers.isEmpty()) {
                throw AmqpException.channel(AmqpException.PRECONDITION_FAILED,
                        "queue '" + name() + "' in vhost '" + vhost + "' in use");
            }
            if (ifEmpty && !ready.isEmpty()) {
                throw AmqpException.channel(AmqpException.PRECONDITION_FAILED,
                        "queue '" + name() + "' in vhost '" + vhost + "' is not empty");
            }
            int count = ready.size();
            delete();
            return count;
        });
    }

    /** Asks the queue to try delivering again (a consumer got credit back). */
    public void wakeUp() {
        if (!dispatchPending) {
            dispatchPending = true;
            executor.execute(dispatchTask);
        }
    }

    /** Whether this queue was deleted (as last seen; exact only on its executor). */
    public boolean isDeleted() {
        return deleted;
    }

    private void delete() {
        deleted = true;
        ready.clear();
        unacked.clear();
        for (QueueConsumer c : consumers.clear()) {
            c.queueDeleted(this);
        }
        updateCounts();
        host.queueDeleted(this);
    }

    private void ensureExists() {
        if (deleted) {
            throw AmqpException.channel(AmqpException.NOT_FOUND, "no queue '" + name() + "' in vhost '" + vhost + "'");
        }
    }

    private void afterChange() {
        dispatch();
        updateCounts();
    }

    private void dispatch() {
        dispatchPending = false;
        while (!ready.isEmpty()) {
            QueueConsumer consumer = consumers.nextWithCredit();
            if (consumer == null) {
                break;
            }
            QueuedMessage m = ready.poll();
            m.markDelivered();
            if (!consumer.autoAck()) {
                unacked.put(m.sequence(), m);
            }
            consumer.deliver(this, m);
        }
        updateCounts();
    }

    private void updateCounts() {
        readyCount = ready.size();
        consumerCount = consumers.size();
    }

    private QueueCounts counts() {
        updateCounts();
        return new QueueCounts(ready.size(), consumers.size());
    }

    private void scheduleExpiryCheck(long delayMillis) {
        if (settings.expiresMillis() <= 0) {
            return;
        }
        host.timer().schedule(() -> executor.execute(this::checkExpiry), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void checkExpiry() {
        if (deleted) {
            return;
        }
        long idleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastUsedNanos);
        if (consumers.isEmpty() && idleMillis >= settings.expiresMillis()) {
            delete();
        } else {
            scheduleExpiryCheck(Math.max(1, settings.expiresMillis() - (consumers.isEmpty() ? idleMillis : 0)));
        }
    }

    /** Ready messages and consumers of a queue at one moment. */
    public record QueueCounts(int messages, int consumers) { }

    /** A message taken by basic.get and how many stay ready behind it. */
    public record GetResult(QueuedMessage message, int remaining) { }
}
