package dev.revenant.broker.redrive;

import dev.revenant.broker.deadletter.DeathHistory;
import dev.revenant.broker.exchange.Exchange;
import dev.revenant.broker.message.Message;
import dev.revenant.broker.queue.EnqueueCredit;
import dev.revenant.broker.queue.MessageQueue;
import dev.revenant.broker.queue.arguments.PreconditionFailedException;
import dev.revenant.broker.vhost.VirtualHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A moved message's copy and the queues it goes to, resolved against the current topology, and
 * its delivery: the copy is enqueued to every target and the future tells, once each of them has
 * answered, whether all took it. Resolution fails (with the reason) rather than lose a message:
 * a missing or internal exchange, a copy that routes nowhere, a message without an origin.
 */
final class CopyRoute {
    private final Message copy;
    private final List<MessageQueue> queues;

    private CopyRoute(Message copy, List<MessageQueue> queues) {
        this.copy = copy;
        this.queues = List.copyOf(queues);
    }

    Message copy() {
        return copy;
    }

    List<MessageQueue> queues() {
        return queues;
    }

    /** Resolves where {@code message}, taken from {@code sourceQueue}, goes for {@code target}. */
    static CopyRoute resolve(VirtualHost vhost, MoveTarget target, Message message, String sourceQueue) throws MoveFailure {
        try {
            if (target instanceof MoveTarget.ToExchange to) {
                return toExchange(vhost, to, message, sourceQueue);
            }
            return toOrigin(vhost, message, sourceQueue);
        } catch (PreconditionFailedException e) {
            throw new MoveFailure("message " + message.id() + " cannot be republished: " + e.detail());
        }
    }

    private static CopyRoute toExchange(VirtualHost vhost, MoveTarget.ToExchange to, Message message, String sourceQueue)
            throws MoveFailure {
        Exchange exchange = vhost.exchange(to.exchange());
        if (exchange == null) {
            throw new MoveFailure("no exchange '" + to.exchange() + "' in vhost '" + vhost.name() + "'");
        }
        if (exchange.internal()) {
            throw new MoveFailure("cannot publish to internal exchange '" + to.exchange() + "' in vhost '" + vhost.name() + "'");
        }
        Message copy = MovedCopy.of(message, to.exchange(), to.routingKey(), sourceQueue);
        List<MessageQueue> queues = vhost.router().route(exchange, List.of(to.routingKey()), copy.headers());
        if (queues.isEmpty()) {
            throw new MoveFailure(to.describe() + " routes message " + message.id() + " to no queue");
        }
        return new CopyRoute(copy, queues);
    }

    private static CopyRoute toOrigin(VirtualHost vhost, Message message, String sourceQueue) throws MoveFailure {
        Optional<DeathHistory.Origin> found = DeathHistory.origin(message.headers());
        if (found.isEmpty()) {
            throw new MoveFailure("message " + message.id() + " has no origin: it carries no x-first-death-queue header"
                    + " (it was never dead-lettered)");
        }
        DeathHistory.Origin origin = found.get();
        MessageQueue queue = vhost.queue(origin.queue());
        if (queue == null || queue.isDeleted()) {
            throw new MoveFailure("origin queue '" + origin.queue() + "' of message " + message.id()
                    + " does not exist in vhost '" + vhost.name() + "'");
        }
        // Shown as first published; without the recorded keys, as if sent to the queue by name.
        boolean keysKnown = !origin.routingKeys().isEmpty();
        String exchange = keysKnown ? origin.exchange() : "";
        String routingKey = keysKnown ? origin.routingKeys().get(0) : origin.queue();
        return new CopyRoute(MovedCopy.of(message, exchange, routingKey, sourceQueue), List.of(queue));
    }

    /**
     * Enqueues the copy to every target; completes with empty when all took it, or with the names
     * of the queues that refused it (full, with {@code x-overflow=reject-publish}).
     */
    CompletableFuture<Optional<String>> deliver() {
        CompletableFuture<Optional<String>> done = new CompletableFuture<>();
        AtomicInteger answers = new AtomicInteger(queues.size());
        List<String> refused = new ArrayList<>(0);
        for (MessageQueue queue : queues) {
            queue.enqueue(copy, EnqueueCredit.NONE, accepted -> {
                if (!accepted) {
                    synchronized (refused) {
                        refused.add(queue.name());
                    }
                }
                if (answers.decrementAndGet() == 0) {
                    synchronized (refused) {
                        done.complete(refused.isEmpty() ? Optional.empty()
                                : Optional.of("queue(s) " + refused + " refused the copy (full, x-overflow reject-publish)"));
                    }
                }
            });
        }
        return done;
    }
}
