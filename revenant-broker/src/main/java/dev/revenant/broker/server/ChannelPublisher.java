package dev.revenant.broker.server;

import dev.revenant.amqp.AmqpSpec;
import dev.revenant.amqp.BasicProperties;
import dev.revenant.amqp.MethodEncoder;
import dev.revenant.broker.AmqpException;
import dev.revenant.broker.durable.StoredMessages;
import dev.revenant.broker.exchange.DelayedRouting;
import dev.revenant.broker.exchange.Exchange;
import dev.revenant.broker.message.Message;
import dev.revenant.broker.queue.MessageQueue;
import dev.revenant.broker.queue.PublishConfirmation;
import dev.revenant.broker.retry.MessageTtl;
import dev.revenant.broker.queue.QueuedMessage;
import dev.revenant.broker.vhost.VirtualHost;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The publishing side of a channel: routing a received message to its queues, mandatory returns,
 * publisher confirms (sequence numbers, acks batched per socket read) and transactions (publishes
 * and settlements held back until tx.commit). Confined to the channel's event loop.
 */
final class ChannelPublisher {
    private final AmqpChannel channel;
    private boolean confirmMode;
    private final ConfirmTracker confirms = new ConfirmTracker();
    private final ConfirmTracker.Sink confirmSink = new ConfirmTracker.Sink() {
        @Override
        public void ack(long sequence, boolean multiple) {
            ByteBuf ack = channel.connection().buffer();
            MethodEncoder.basicAck(ack, channel.number(), sequence, multiple);
            channel.connection().write(ack);
        }

        @Override
        public void nack(long sequence) {
            ByteBuf nack = channel.connection().buffer();
            MethodEncoder.basicNack(nack, channel.number(), sequence, false, false);
            channel.connection().write(nack);
        }
    };
    private boolean transactional;
    private boolean storedInTransaction;
    private final List<ContentAssembler.Publish> txPublishes = new ArrayList<>();
    private final List<Runnable> txSettlements = new ArrayList<>();

    ChannelPublisher(AmqpChannel channel) {
        this.channel = channel;
    }

    private VirtualHost vhost() {
        return channel.connection().vhost();
    }

    /** Fails basic.publish early when its exchange does not exist or may not be published to. */
    void checkExchange(String exchangeName) {
        exchange(exchangeName);
    }

    void publish(ContentAssembler.Publish p) {
        channel.connection().published();
        if (transactional) {
            txPublishes.add(p);
            return;
        }
        route(p, confirmMode ? confirms.register() : 0);
    }

    /** Routes a publish; {@code sequence} is its confirm number, or 0 outside confirm mode. */
    private void route(ContentAssembler.Publish p, long sequence) {
        Exchange exchange = exchange(p.exchange());
        BasicProperties props = p.properties();
        String userId = props.userId();
        String user = channel.connection().user().name();
        if (userId != null && !userId.equals(user)) {
            throw AmqpException.channel(AmqpException.PRECONDITION_FAILED,
                    "user_id property set to '" + userId + "' but authenticated user was '" + user + "'");
        }
        PublishedProperties published = PublishedProperties.of(p, channel.consumers().replyToAddress());
        long ttl = MessageTtl.parseExpiration(props.expiration()).orElse(-1);
        Message message = new Message(exchange.name(), p.routingKey(), published.properties(), published.encoded(), p.body(), ttl);
        if (exchange.name().isEmpty() && DirectReplyTo.isReplyAddress(p.routingKey())) {
            ChannelConsumer replyConsumer = channel.connection().context().directReplyTo().consumer(p.routingKey());
            if (replyConsumer != null) {
                replyConsumer.deliver(null, new QueuedMessage(0, message));
            } else if (p.mandatory()) {
                returnMessage(message);
            }
            accept(sequence);
            return;
        }
        long delay = exchange.type() instanceof DelayedRouting ? DelayedRouting.delayOf(published.properties().headers()) : 0;
        if (delay > 0) {
            vhost().delayedMessages().hold(exchange, published.routingKeys(), message, delay);
            // As with the plugin: a held message routes nowhere now, so mandatory returns it at once
            // (it is still delivered later), and the confirm is sent on receipt.
            if (p.mandatory()) {
                returnMessage(message);
            }
            accept(sequence);
            return;
        }
        List<MessageQueue> queues = vhost().router().route(exchange, published.routingKeys(), published.properties().headers());
        if (queues.isEmpty()) {
            if (p.mandatory()) {
                returnMessage(message);
            }
            accept(sequence);
            return;
        }
        int stored = 0;
        for (MessageQueue queue : queues) {
            if (queue.storesPersistently(message)) {
                stored++;
            }
        }
        if (stored > 0) {
            // Written once, shared by every durable queue it goes to (each takes one reference).
            message = message.withLocation(vhost().store().append(true, stored, StoredMessages.encode(message)));
            storedInTransaction |= transactional;
        }
        PublishConfirmation confirmation = confirmationFor(sequence, queues, message, stored > 0);
        PublishFlow flow = channel.connection().publishFlow();
        for (MessageQueue queue : queues) {
            flow.sent();
            queue.enqueue(message, flow, queue.confirmsAsynchronously(message) ? confirmation : PublishConfirmation.NONE);
        }
    }

    private void accept(long sequence) {
        if (sequence > 0) {
            confirms.accept(sequence);
        }
    }

    /** Accepts at once unless some queue answers later; then one confirmation collects their answers. */
    private PublishConfirmation confirmationFor(long sequence, List<MessageQueue> queues, Message message, boolean stored) {
        if (sequence == 0) {
            return PublishConfirmation.NONE;
        }
        int answers = 0;
        for (MessageQueue queue : queues) {
            if (queue.confirmsAsynchronously(message)) {
                answers++;
            }
        }
        if (answers == 0) {
            confirms.accept(sequence);
            return PublishConfirmation.NONE;
        }
        return new PendingConfirmation(sequence, answers, stored);
    }

    /** Collects the answers of the queues a publish went to, then settles its confirm on the channel's loop. */
    private final class PendingConfirmation implements PublishConfirmation {
        private final long sequence;
        private final java.util.concurrent.atomic.AtomicInteger remaining;
        private final boolean stored;
        private volatile boolean refused;

        PendingConfirmation(long sequence, int answers, boolean stored) {
            this.sequence = sequence;
            this.remaining = new java.util.concurrent.atomic.AtomicInteger(answers);
            this.stored = stored;
        }

        @Override
        public void settled(boolean accepted) {
            if (!accepted) {
                refused = true;
            }
            if (remaining.decrementAndGet() == 0) {
                if (stored && !refused) {
                    // Confirmed only once on disk; the store shares one sync among every waiting publisher.
                    vhost().syncStore().whenComplete((ok, error) -> settle(error == null));
                } else {
                    settle(!refused);
                }
            }
        }

        private void settle(boolean accepted) {
            channel.execute(() -> {
                if (!channel.isOpen()) {
                    return;
                }
                if (accepted) {
                    confirms.accept(sequence);
                } else {
                    confirms.refuse(sequence, confirmSink);
                }
                flushConfirms();
                channel.connection().flush();
            });
        }
    }

    private void returnMessage(Message message) {
        ByteBuf out = channel.connection().buffer();
        MethodEncoder.basicReturn(out, channel.number(), AmqpSpec.NO_ROUTE, "NO_ROUTE", message.exchange(), message.routingKey());
        ContentWriter.write(channel.connection(), out, channel.number(), message, message.encodedProperties());
    }

    private Exchange exchange(String name) {
        Exchange exchange = vhost().exchange(name);
        if (exchange == null) {
            throw AmqpException.channel(AmqpException.NOT_FOUND, "no exchange '" + name + "' in vhost '" + vhost().name() + "'");
        }
        if (exchange.internal()) {
            throw AmqpException.channel(AmqpException.ACCESS_REFUSED,
                    "cannot publish to internal exchange '" + name + "' in vhost '" + vhost().name() + "'");
        }
        return exchange;
    }

    // ------------------------------------------------------------------ confirms

    void confirmSelect(boolean nowait) {
        if (transactional) {
            throw AmqpException.channel(AmqpException.PRECONDITION_FAILED, "cannot switch from tx to confirm mode");
        }
        confirmMode = true;
        if (!nowait) {
            ByteBuf ok = channel.connection().buffer();
            MethodEncoder.confirmSelectOk(ok, channel.number());
            channel.connection().write(ok);
        }
    }

    /** Sends one basic.ack covering every publish confirmed since the last one sent. */
    void flushConfirms() {
        if (confirmMode && channel.isOpen()) {
            confirms.flush(confirmSink);
        }
    }

    // ------------------------------------------------------------------ transactions

    boolean transactional() {
        return transactional;
    }

    void deferUntilCommit(Runnable settlement) {
        txSettlements.add(settlement);
    }

    void txSelect() {
        if (confirmMode) {
            throw AmqpException.channel(AmqpException.PRECONDITION_FAILED, "cannot switch from confirm to tx mode");
        }
        transactional = true;
        ByteBuf ok = channel.connection().buffer();
        MethodEncoder.txSelectOk(ok, channel.number());
        channel.connection().write(ok);
    }

    void txCommit() {
        requireTransactional();
        List<ContentAssembler.Publish> publishes = new ArrayList<>(txPublishes);
        List<Runnable> settlements = new ArrayList<>(txSettlements);
        txPublishes.clear();
        txSettlements.clear();
        for (ContentAssembler.Publish p : publishes) {
            route(p, 0);
        }
        for (Runnable settlement : settlements) {
            settlement.run();
        }
        if (storedInTransaction) {
            storedInTransaction = false;
            channel.whenDone(vhost().syncStore(), done -> writeCommitOk());
        } else {
            writeCommitOk();
        }
    }

    private void writeCommitOk() {
        ByteBuf ok = channel.connection().buffer();
        MethodEncoder.txCommitOk(ok, channel.number());
        channel.connection().write(ok);
    }

    void txRollback() {
        requireTransactional();
        txPublishes.clear();
        txSettlements.clear();
        ByteBuf ok = channel.connection().buffer();
        MethodEncoder.txRollbackOk(ok, channel.number());
        channel.connection().write(ok);
    }

    private void requireTransactional() {
        if (!transactional) {
            throw AmqpException.channel(AmqpException.PRECONDITION_FAILED, "channel is not transactional");
        }
    }
}
