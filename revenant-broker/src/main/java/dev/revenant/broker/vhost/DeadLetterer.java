package dev.revenant.broker.vhost;

import dev.revenant.amqp.BasicProperties;
import dev.revenant.broker.deadletter.DeadLetterCycle;
import dev.revenant.broker.deadletter.DeadLetterPublication;
import dev.revenant.broker.deadletter.DeadLetterReason;
import dev.revenant.broker.deadletter.DeadLetterSource;
import dev.revenant.broker.exchange.Exchange;
import dev.revenant.broker.message.Message;
import dev.revenant.broker.queue.EnqueueCredit;
import dev.revenant.broker.queue.MessageQueue;
import dev.revenant.broker.queue.PublishConfirmation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Republishes messages that died in a queue to that queue's dead-letter exchange, as RabbitMQ
 * does: one more {@code x-death} entry, {@code expiration} removed, routing keys replaced by the
 * dead-letter routing key if set, and targets that would close a cycle without a rejection left
 * out. A message whose dead-letter exchange is missing or routes nowhere is dropped, counted and
 * logged. Safe on any queue's executor.
 */
final class DeadLetterer {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterer.class);

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final VirtualHost vhost;
    private final AtomicLong dropped = new AtomicLong();

    DeadLetterer(VirtualHost vhost) {
        this.vhost = vhost;
    }

    /** Messages dropped because their dead-letter exchange was missing or routed them nowhere. */
    long droppedCount() {
        return dropped.get();
    }

    /** Republishes; completes once every copy is in its target queue (and on disk where the target stores it). */
    CompletableFuture<Void> deadLetter(MessageQueue source, Message message, DeadLetterReason reason) {
        Optional<String> dlx = source.effectiveArguments().deadLetterExchange();
        if (dlx.isEmpty()) {
            return DONE; // no dead-letter exchange: the message is simply discarded, as in RabbitMQ
        }
        Exchange exchange = vhost.exchange(dlx.get());
        if (exchange == null) {
            drop(source, message, reason, "dead-letter exchange '" + dlx.get() + "' does not exist");
            return DONE;
        }
        BasicProperties props = message.properties();
        DeadLetterSource from = new DeadLetterSource(source.name(), message.exchange(), message.routingKey(),
                message.headers(), props.expiration());
        DeadLetterPublication publication = DeadLetterPublication.of(from, reason, dlx.get(),
                source.effectiveArguments().deadLetterRoutingKey().orElse(null), Instant.now());
        BasicProperties copyProps = props.copy().headers(publication.headers()).expiration(null);
        Message copy = message.republish(publication.exchange(), publication.routingKey(), copyProps);
        List<MessageQueue> routed = vhost.router().route(exchange, publication.routingKeys(), publication.headers());
        List<MessageQueue> targets = new ArrayList<>(routed.size());
        boolean stored = false;
        for (MessageQueue target : routed) {
            if (!DeadLetterCycle.isCycle(reason, publication.headers(), target.name())) {
                targets.add(target);
                stored |= target.storesPersistently(copy);
            }
        }
        if (targets.isEmpty()) {
            drop(source, message, reason, routed.isEmpty()
                    ? "dead-letter exchange '" + dlx.get() + "' routed it to no queue"
                    : "every target would close a dead-letter cycle");
            return DONE;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger remaining = new AtomicInteger(targets.size());
        boolean sync = stored;
        PublishConfirmation taken = accepted -> {
            if (remaining.decrementAndGet() == 0) {
                if (sync) {
                    vhost.syncStore().whenComplete((ok, error) -> done.complete(null));
                } else {
                    done.complete(null);
                }
            }
        };
        for (MessageQueue target : targets) {
            target.enqueue(copy, EnqueueCredit.NONE, taken);
        }
        return done;
    }

    private void drop(MessageQueue source, Message message, DeadLetterReason reason, String why) {
        long n = dropped.incrementAndGet();
        // One line for the first drops, then one per thousand, so a misconfigured DLX cannot flood the log.
        if (n <= 10 || n % 1000 == 0) {
            LOG.warn("dropped a message dead-lettered ({}) from queue '{}' in vhost '{}': {} ({} dropped so far)",
                    reason.wireName(), source.name(), vhost.name(), why, n);
        }
    }
}
