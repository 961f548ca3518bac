package dev.revenant.broker.queue;

import dev.revenant.broker.AmqpException;
import dev.revenant.broker.concurrent.SerialExecutor;
import dev.revenant.broker.deadletter.DeadLetterReason;
import dev.revenant.broker.durable.QueueJournal;
import dev.revenant.broker.exchange.Destination;
import dev.revenant.broker.message.Message;
import dev.revenant.broker.policy.Policy;
import dev.revenant.broker.policy.PolicyDefinition;
import dev.revenant.broker.queue.arguments.QueueArguments;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A queue: ready messages, messages held for a retry delay, messages delivered but not yet
 * settled, and consumers. All of its state is touched only on its own {@link SerialExecutor};
 * every public method is safe from any thread and either posts a task or returns a future
 * completed on that executor. Failed, expired and overflowing messages go to the virtual host's
 * dead-lettering, which republishes them to the dead-letter exchange if the queue has one.
 */
public final class MessageQueue implements Destination {
    private final QueueSettings settings;
    private final String vhost;
    private final Object exclusiveOwner;
    private final QueueHost host;
    private final SerialExecutor executor;
    /** Replaced (on the executor) when the policy changes; read from other threads too. */
    private volatile QueueRules rules;
    private volatile QueueArguments effective;
    private volatile Policy policy;
    private final QueueJournal journal;

    private final QueueMessages messages;
    private final ConsumerSet consumers;
    private final Runnable dispatchTask = this::afterChange;
    private final QueueClock clock;
    private volatile boolean deleted;
    private boolean hadConsumers;
    private boolean exclusiveConsumerPresent;
    private volatile boolean paused;
    private volatile boolean dispatchPending;
    private volatile int readyCount;
    private volatile int unackedCount;
    private volatile int consumerCount;

    public MessageQueue(QueueSettings settings, String vhost, Object exclusiveOwner, QueueHost host, Executor pool,
                        QueueJournal journal) {
        this(settings, vhost, exclusiveOwner, host, pool, journal, null);
    }

    /** @param policy the policy that applies from the start, or null */
    public MessageQueue(QueueSettings settings, String vhost, Object exclusiveOwner, QueueHost host, Executor pool,
                        QueueJournal journal, Policy policy) {
        this.journal = journal;
        this.settings = settings;
        this.vhost = vhost;
        this.exclusiveOwner = exclusiveOwner;
        this.host = host;
        this.executor = new SerialExecutor(pool, "queue " + settings.name());
        this.policy = policy;
        this.effective = PolicyDefinition.effective(vhost, settings, policy);
        this.rules = new QueueRules(effective);
        this.messages = new QueueMessages(this, host, executor, journal, settings.maxPriority(), rules);
        this.consumers = new ConsumerSet(settings.singleActiveConsumer());
        this.clock = new QueueClock(host.timer(), executor, this::onTimer, effective.expires().orElse(0));
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
    public int unackedCountSnapshot() { return unackedCount; }
    public int consumerCountSnapshot() { return consumerCount; }
    public boolean paused() { return paused; }
    /** The policy that applies to this queue, or null. */
    public Policy policy() { return policy; }
    /** The arguments the queue works by: its declared ones, completed by its policy. */
    public QueueArguments effectiveArguments() { return effective; }

    /** Switches to another policy (null: none); existing messages keep the expiry they were given. */
    public CompletableFuture<Void> applyPolicy(Policy newPolicy) {
        return call(() -> {
            policy = newPolicy;
            effective = PolicyDefinition.effective(vhost, settings, newPolicy);
            rules = new QueueRules(effective);
            messages.rules(rules);
            clock.expiresMillis(effective.expires().orElse(0));
            afterChange();
            return null;
        });
    }

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
     * {@code confirmation} whether the queue took it (a full reject-publish queue refuses).
     */
    public void enqueue(Message message, EnqueueCredit credit, PublishConfirmation confirmation) {
        executor.execute(() -> {
            credit.processed();
            if (deleted) {
                journal.release(message);
                confirmation.settled(true); // routed before the delete: RabbitMQ confirms these too
                return;
            }
            if (messages.refuseIfFull(message)) {
                confirmation.settled(false);
                return;
            }
            QueuedMessage queued = messages.add(message, System.currentTimeMillis());
            confirmation.settled(true);
            afterChange(queued.sequence());
        });
    }

    /** Whether a publisher in confirm mode must wait for this queue's answer for this message. */
    public boolean confirmsAsynchronously(Message message) {
        return rules.refusesWhenFull() || journal.stores(message);
    }

    /** Whether this queue writes the message to disk (a persistent message in a durable queue). */
    public boolean storesPersistently(Message message) {
        return journal.stores(message);
    }

    /** Loads the messages a durable queue had on disk; called once, before clients connect. */
    public CompletableFuture<Integer> recover() {
        return call(() -> {
            int recovered = messages.recover(System.currentTimeMillis());
            afterChange();
            return recovered;
        });
    }

    /** Counts of ready messages and consumers, as queue.declare-ok reports them; marks the queue used. */
    public CompletableFuture<QueueCounts> declared() {
        return call(() -> {
            clock.markUsed();
            return counts();
        });
    }

    /** Registers a consumer; {@code beforeFirstDelivery} runs on the queue executor before any delivery. */
    public CompletableFuture<QueueCounts> addConsumer(QueueConsumer consumer, boolean exclusive, Runnable beforeFirstDelivery) {
        return call(() -> {
            ensureExists();
            if ((exclusive && !consumers.isEmpty()) || exclusiveConsumerPresent) {
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
                clock.markUsed();
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
                messages.ack(sequences[i]);
            }
            afterChange();
        });
    }

    /**
     * Gives delivered messages back: to their original positions with {@code redelivered} set, or
     * after a delayed-retry wait, or to the dead-letter exchange once past {@code x-delivery-limit}.
     *
     * @param countsAsFailure whether the return was a failure (reject, lost channel) rather than a nack
     */
    public void requeue(long[] sequences, int count, boolean countsAsFailure) {
        executor.execute(() -> {
            long now = System.currentTimeMillis();
            for (int i = 0; i < count && !deleted; i++) {
                messages.requeue(sequences[i], countsAsFailure, now);
            }
            afterChange();
        });
    }

    /** Rejected without requeue: retried after the next {@code x-retry-delays} step, or dead-lettered. */
    public void reject(long[] sequences, int count) {
        executor.execute(() -> {
            long now = System.currentTimeMillis();
            for (int i = 0; i < count && !deleted; i++) {
                messages.reject(sequences[i], now);
            }
            afterChange();
        });
    }

    /** Takes the next ready message for basic.get, or null; unsettled unless {@code autoAck}. */
    public CompletableFuture<GetResult> get(boolean autoAck) {
        return call(() -> {
            ensureExists();
            clock.markUsed();
            messages.enforceLimitsAndExpiry(System.currentTimeMillis());
            QueuedMessage m = messages.ready.poll();
            if (m == null) {
                updateCounts();
                return null;
            }
            messages.markDelivered(m, autoAck);
            afterChange();
            return new GetResult(m, messages.ready.size());
        });
    }

    /** Removes every ready and held message; completes with how many. */
    public CompletableFuture<Integer> purge() {
        return call(() -> {
            ensureExists();
            int purged = messages.purge();
            updateCounts();
            return purged;
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
            if (ifEmpty && !messages.ready.isEmpty()) {
                throw AmqpException.channel(AmqpException.PRECONDITION_FAILED,
                        "queue '" + name() + "' in vhost '" + vhost + "' is not empty");
            }
            int count = messages.ready.size();
            delete();
            return count;
        });
    }

    /** Stops (true) or restarts (false) deliveries to consumers; publishes keep landing. */
    public CompletableFuture<Boolean> pause(boolean pause) {
        return call(() -> {
            paused = pause;
            host.pausedChanged(this);
            afterChange();
            return pause;
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
        messages.deleteAll();
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

    private void onTimer() {
        if (deleted) {
            return;
        }
        if (consumers.isEmpty() && clock.idleExpired()) {
            delete();
            return;
        }
        messages.releaseDue(System.currentTimeMillis());
        afterChange();
    }

    private void afterChange() {
        afterChange(Long.MAX_VALUE);
    }

    /**
     * Delivers what it can, then applies limits and expiry, and sets the timer for what comes next.
     * Messages from {@code freshFrom} on were enqueued by this very task: a consumer ready for them
     * gets them even if their TTL is already over (TTL 0 means "unless delivered at once").
     */
    private void afterChange(long freshFrom) {
        dispatchPending = false;
        if (deleted) {
            return;
        }
        long now = System.currentTimeMillis();
        dispatch(now, freshFrom);
        messages.enforceLimitsAndExpiry(now);
        clock.wakeAt(messages.nextWakeMillis());
        updateCounts();
    }

    private void dispatch(long now, long freshFrom) {
        while (!paused) {
            QueuedMessage head = messages.ready.peek();
            if (head == null) {
                break;
            }
            if (head.expired(now) && head.sequence() < freshFrom) {
                messages.ready.poll();
                messages.deadLetter(head, DeadLetterReason.EXPIRED);
                continue;
            }
            QueueConsumer consumer = consumers.nextWithCredit();
            if (consumer == null) {
                break;
            }
            QueuedMessage m = messages.ready.poll();
            messages.markDelivered(m, consumer.autoAck());
            consumer.deliver(this, m);
        }
    }

    private void updateCounts() {
        readyCount = messages.readyCount();
        unackedCount = messages.unackedCount();
        consumerCount = consumers.size();
    }

    private QueueCounts counts() {
        updateCounts();
        return new QueueCounts(readyCount, consumers.size());
    }

    /** Copies of the ready messages from {@code offset}, up to {@code limit}, without consuming them. */
    public CompletableFuture<List<QueuedMessage>> browse(int offset, int limit) {
        return call(() -> messages.browse(offset, limit));
    }

    /** Removes one ready or held message by its broker id; completes with whether it was there. */
    public CompletableFuture<Boolean> removeMessage(long messageId) {
        return call(() -> {
            boolean removed = messages.remove(messageId);
            afterChange();
            return removed;
        });
    }

    /** Ready messages and consumers of a queue at one moment. */
    public record QueueCounts(int messages, int consumers) { }

    /** A message taken by basic.get and how many stay ready behind it. */
    public record GetResult(QueuedMessage message, int remaining) { }
}
