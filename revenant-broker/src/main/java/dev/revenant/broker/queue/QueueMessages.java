package dev.revenant.broker.queue;

import dev.revenant.broker.deadletter.DeadLetterReason;
import dev.revenant.broker.durable.QueueJournal;
import dev.revenant.broker.message.Message;
import dev.revenant.broker.retry.RetryStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The messages of one queue through their life: ready, held for a retry delay, delivered and
 * unsettled, and finally acked, expired, dropped or dead-lettered; each step mirrored into the
 * queue's journal for durable queues. Confined to the queue's executor; the rules in force are
 * handed in by the queue (they change with its policy).
 */
final class QueueMessages {
    private final MessageQueue queue;
    private final QueueHost host;
    private final Executor executor;
    private final QueueJournal journal;
    final ReadyMessages ready;
    final HeldMessages held = new HeldMessages();
    private final Map<Long, QueuedMessage> unacked = new HashMap<>();
    private QueueRules rules;
    private long nextSequence;

    QueueMessages(MessageQueue queue, QueueHost host, Executor executor, QueueJournal journal, int maxPriority, QueueRules rules) {
        this.queue = queue;
        this.host = host;
        this.executor = executor;
        this.journal = journal;
        this.ready = new ReadyMessages(maxPriority);
        this.rules = rules;
    }

    void rules(QueueRules newRules) {
        rules = newRules;
    }

    int readyCount() {
        return ready.size() + held.size();
    }

    int unackedCount() {
        return unacked.size();
    }

    /**
     * Refuses a message a full reject-publish queue cannot take (dead-lettering it with
     * reject-publish-dlx); returns whether it was refused.
     */
    boolean refuseIfFull(Message message) {
        if (!rules.refusesWhenFull() || !rules.wouldOverflow(ready.size(), ready.bodyBytes(), message.bodySize())) {
            return false;
        }
        journal.release(message);
        if (rules.deadLettersRefused()) {
            host.deadLetter(queue, message, DeadLetterReason.MAXLEN);
        }
        return true;
    }

    /** Appends a message at the tail (written to the journal first); returns its place. */
    QueuedMessage add(Message message, long now) {
        QueuedMessage queued = new QueuedMessage(nextSequence++, message, rules.expiresAt(message, now));
        queued.stored(journal.enqueue(message));
        ready.add(queued);
        return queued;
    }

    /** Loads what the journal kept; returns how many messages came back. */
    int recover(long now) {
        List<QueueJournal.Recovered> recovered = journal.recover();
        for (QueueJournal.Recovered r : recovered) {
            QueuedMessage m = new QueuedMessage(nextSequence++, r.message(), rules.expiresAt(r.message(), now));
            m.stored(r.storeSeq());
            if (r.redelivered()) {
                m.restoredAsRedelivered();
            }
            ready.add(m);
        }
        return recovered.size();
    }

    void markDelivered(QueuedMessage m, boolean autoAck) {
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

    void ack(long sequence) {
        QueuedMessage m = unacked.remove(sequence);
        if (m != null) {
            journal.removed(m.storeSeq());
        }
    }

    /** Back to its place, or held for a delayed-retry wait, or dead-lettered past the delivery limit. */
    void requeue(long sequence, boolean countsAsFailure, long now) {
        QueuedMessage m = unacked.remove(sequence);
        if (m == null) {
            return;
        }
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

    /** Rejected without requeue: held for the next {@code x-retry-delays} step, or dead-lettered. */
    void reject(long sequence, long now) {
        QueuedMessage m = unacked.remove(sequence);
        if (m == null) {
            return;
        }
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

    /** Held messages whose wait is over become ready again, at the tail. */
    void releaseDue(long now) {
        for (QueuedMessage due : held.takeDue(now)) {
            ready.add(due.movedTo(nextSequence++));
        }
    }

    /** Drops heads past a drop-head length limit, then expired heads, to the dead-letter exchange. */
    void enforceLimitsAndExpiry(long now) {
        while (rules.overLimit(ready.size(), ready.bodyBytes())) {
            deadLetter(ready.poll(), DeadLetterReason.MAXLEN);
        }
        QueuedMessage head;
        while ((head = ready.peek()) != null && head.expired(now)) {
            ready.poll();
            deadLetter(head, DeadLetterReason.EXPIRED);
        }
    }

    /** When the queue must next wake up for an expiry or a retry, or {@link Long#MAX_VALUE}. */
    long nextWakeMillis() {
        QueuedMessage head = ready.peek();
        return Math.min(head == null ? Long.MAX_VALUE : head.expiresAtMillis(), held.nextDueMillis());
    }

    /**
     * Hands a message to dead-lettering and forgets it; a stored message leaves the store only
     * once its copies are safely in their target queues (a crash in between duplicates, never loses).
     */
    void deadLetter(QueuedMessage m, DeadLetterReason reason) {
        CompletableFuture<Void> stored = host.deadLetter(queue, m.message(), reason);
        if (m.storeSeq() >= 0) {
            stored.whenComplete((ok, error) -> executor.execute(() -> {
                if (!queue.isDeleted()) {
                    journal.removed(m.storeSeq());
                }
            }));
        }
    }

    /** Removes every ready and held message; returns how many. */
    int purge() {
        List<QueuedMessage> purged = new ArrayList<>(ready.clear());
        purged.addAll(held.clear());
        for (QueuedMessage m : purged) {
            journal.removed(m.storeSeq());
        }
        return purged.size();
    }

    /** Removes one ready or held message by broker id; returns whether it was there. */
    boolean remove(long messageId) {
        QueuedMessage removed = ready.removeFirst(m -> m.message().id() == messageId);
        if (removed == null) {
            removed = held.removeFirst(m -> m.message().id() == messageId);
        }
        if (removed != null) {
            journal.removed(removed.storeSeq());
        }
        return removed != null;
    }

    /** Ready messages from {@code offset}, up to {@code limit}, in delivery order, not consumed. */
    List<QueuedMessage> browse(int offset, int limit) {
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
    }

    /** The queue was deleted: forget everything, on disk too. */
    void deleteAll() {
        journal.delete();
        ready.clear();
        held.clear();
        unacked.clear();
    }
}
