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
import dev.revenant.broker.retry.RetryStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private final ReadyMessages ready;
    private final HeldMessages held = new HeldMessages();
    private final Map<Long, QueuedMessage> unacked = new HashMap<>();
    private final ConsumerSet consumers;
    private final Runnable dispatchTask = this::afterChange;
    private final QueueClock clock;
    private long nextSequence;
    private boolean deleted;
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
        this.ready = new ReadyMessages(settings.maxPriority());
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
            if (rules.refusesWhenFull() && rules.wouldOverflow(ready.size(), ready.bodyBytes(), message.bodySize())) {
                journal.release(message);
                confirmation.settled(false);
                if (rules.deadLettersRefused()) {
                    host.deadLetter(this, message, DeadLetterReason.MAXLEN);
                }
                return;
            }
            QueuedMessage queued = new QueuedMessage(nextSequence++, message, rules.expiresAt(message, System.currentTimeMillis()));
            queued.stored(journal.enqueue(message));
            ready.add(queued);
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
            long now = System.currentTimeMillis();
            List<QueueJournal.Recovered> recovered = journal.recover();
            for (QueueJournal.Recovered r : recovered) {
                QueuedMessage m = new QueuedMessage(nextSequence++, r.message(), rules.expiresAt(r.message(), now));
                m.stored(r.storeSeq());
                if (r.redelivered()) {
                    m.restoredAsRedelivered();
                }
                ready.add(m);
            }
            afterChange();
            return recovered.size();
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
                QueuedMessage m = unacked.remove(sequences[i]);
                if (m != null) {
                    journal.removed(m.storeSeq());
                }
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
            for (int i = 0; i < count; i++) {
                QueuedMessage m = unacked.remove(sequences[i]);
                if (m != null && !deleted) {
                    returnToQueue(m, countsAsFailure, now);
                }
            }
            afterChange();
        });
    }

    /** Rejected without requeue: retried after the next {@code x-retry-delays} step, or dead-lettered. */
    public void reject(long[] sequences, int count) {
        executor.execute(() -> {
            long now = System.currentTimeMillis();
            for (int i = 0; i < count; i++) {
                QueuedMessage m = unacked.remove(sequences[i]);
                if (m != null && !deleted) {
                    fail(m, now);
                }
            }
            afterChange();
        });
    }

    /** Takes the next ready message for basic.get, or null; unsettled unless {@code autoAck}. */
    public CompletableFuture<GetResult> get(boolean autoAck) {
        return call(() -> {
            ensureExists();
            clock.markUsed();
            expireHead(System.currentTimeMillis());
            QueuedMessage m = ready.poll();
            if (m == null) {
                updateCounts();
                return null;
            }
            markDelivered(m, autoAck);
            afterChange();
            return new GetResult(m, ready.size());
        });
    }

    /** Removes every ready and held message; completes with how many. */
    public CompletableFuture<Integer> purge() {
        return call(() -> {
            ensureExists();
            List<QueuedMessage> purged = new ArrayList<>(ready.clear());
            purged.addAll(held.clear());
            for (QueuedMessage m : purged) {
                journal.removed(m.storeSeq());
            }
            updateCounts();
            return purged.size();
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

    private void returnToQueue(QueuedMessage m, boolean countsAsFailure, long now) {
        m.markReturned();
        journal.returned(m.storeSeq(), m.storeMarkedDelivered());
        m.storeMarkedDelivered(false);
        if (rules.pastDeliveryLimit(m.returns())) {
            deadLetter(m, DeadLetterReason.DELIVERY_LIMIT);
            return;
        }
        long delay = rules.retry().returnDelayMillis(countsAsFailure, m.returns());
        if (delay > 0) {
            held.hold(m, now + delay);
        } else {
            ready.requeue(m);
        }
    }

    private void fail(QueuedMessage m, long now) {
        if (rules.retry().retriesFailures()) {
            int attempt = m.markFailed();
            if (rules.retry().afterFailure(attempt) instanceof RetryStep.Retry retry) {
                m.replaceMessage(m.message().withHeader("x-retry-count", (long) attempt));
                held.hold(m, now + retry.delayMillis());
                return;
            }
        }
        deadLetter(m, DeadLetterReason.REJECTED);
    }

    /**
     * Hands a message to dead-lettering and forgets it; a stored message leaves the store only
     * once its copies are safely in their target queues (a crash in between duplicates, never loses).
     */
    private void deadLetter(QueuedMessage m, DeadLetterReason reason) {
        CompletableFuture<Void> stored = host.deadLetter(this, m.message(), reason);
        if (m.storeSeq() >= 0) {
            stored.whenComplete((ok, error) -> executor.execute(() -> {
                if (!deleted) {
                    journal.removed(m.storeSeq());
                }
            }));
        }
    }

    private void markDelivered(QueuedMessage m, boolean autoAck) {
        m.markDelivered();
        // Only deliveries carry x-delivery-count, as in RabbitMQ: dead-lettered copies do not.
        m.deliverAs(rules.countsDeliveries() && m.returns() > 0
                ? m.message().withHeader("x-delivery-count", (long) m.returns()) : null);
        m.storeMarkedDelivered(journal.delivered(m.storeSeq()));
        if (autoAck) {
            journal.removed(m.storeSeq());
        } else {
            unacked.put(m.sequence(), m);
        }
    }

    private void delete() {
        deleted = true;
        journal.delete();
        ready.clear();
        held.clear();
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

    private void onTimer() {
        if (deleted) {
            return;
        }
        if (consumers.isEmpty() && clock.idleExpired()) {
            delete();
            return;
        }
        long now = System.currentTimeMillis();
        for (QueuedMessage due : held.takeDue(now)) {
            ready.add(due.movedTo(nextSequence++));
        }
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
        while (rules.overLimit(ready.size(), ready.bodyBytes())) {
            deadLetter(ready.poll(), DeadLetterReason.MAXLEN);
        }
        expireHead(now);
        QueuedMessage head = ready.peek();
        clock.wakeAt(Math.min(head == null ? Long.MAX_VALUE : head.expiresAtMillis(), held.nextDueMillis()));
        updateCounts();
    }

    private void dispatch(long now, long freshFrom) {
        while (!paused) {
            QueuedMessage head = ready.peek();
            if (head == null) {
                break;
            }
            if (head.expired(now) && head.sequence() < freshFrom) {
                ready.poll();
                deadLetter(head, DeadLetterReason.EXPIRED);
                continue;
            }
            QueueConsumer consumer = consumers.nextWithCredit();
            if (consumer == null) {
                break;
            }
            QueuedMessage m = ready.poll();
            markDelivered(m, consumer.autoAck());
            consumer.deliver(this, m);
        }
    }

    private void expireHead(long now) {
        QueuedMessage head;
        while ((head = ready.peek()) != null && head.expired(now)) {
            ready.poll();
            deadLetter(head, DeadLetterReason.EXPIRED);
        }
    }

    private void updateCounts() {
        readyCount = ready.size() + held.size();
        unackedCount = unacked.size();
        consumerCount = consumers.size();
    }

    private QueueCounts counts() {
        updateCounts();
        return new QueueCounts(readyCount, consumers.size());
    }

    /** Copies of the ready messages from {@code offset}, up to {@code limit}, without consuming them. */
    public CompletableFuture<List<QueuedMessage>> browse(int offset, int limit) {
        return call(() -> {
            List<QueuedMessage> page = new ArrayList<>(Math.min(limit, 256));
            int index = 0;
            for (QueuedMessage m : ready.inOrder()) {
                if (index++ >= offset) {
                    if (page.size() >= limit) {
                        break;
                    }
                    page.add(m);
                }
            }
            return page;
        });
    }

    /** Removes one ready or held message by its broker id; completes with whether it was there. */
    public CompletableFuture<Boolean> removeMessage(long messageId) {
        return call(() -> {
            QueuedMessage removed = ready.removeFirst(m -> m.message().id() == messageId);
            if (removed == null) {
                removed = held.removeFirst(m -> m.message().id() == messageId);
            }
            if (removed != null) {
                journal.removed(removed.storeSeq());
            }
            afterChange();
            return removed != null;
        });
    }

    /** Ready messages and consumers of a queue at one moment. */
    public record QueueCounts(int messages, int consumers) { }

    /** A message taken by basic.get and how many stay ready behind it. */
    public record GetResult(QueuedMessage message, int remaining) { }
}
