package dev.revenant.broker.server;

import dev.revenant.amqp.AmqpSpec;
import dev.revenant.amqp.MethodEncoder;
import dev.revenant.broker.AmqpException;
import dev.revenant.broker.message.Message;
import dev.revenant.broker.queue.MessageQueue;
import dev.revenant.broker.queue.QueuedMessage;
import dev.revenant.broker.queue.arguments.ConsumerArguments;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A channel's consumers and its delivered-but-unsettled messages by delivery tag (in tag order),
 * with the prefetch limits that bound them. Confined to the channel's event loop, except the
 * global credit counter, which queues also take from.
 */
final class ChannelConsumers {
    private final AmqpChannel channel;
    private final Map<String, ChannelConsumer> byTag = new LinkedHashMap<>();
    private final LinkedHashMap<Long, Unacked> unacked = new LinkedHashMap<>();
    private final AtomicInteger globalCredit = new AtomicInteger();
    private volatile int globalPrefetch;
    private int consumerPrefetch;
    private long lastDeliveryTag;
    private String replyToAddress;

    ChannelConsumers(AmqpChannel channel) {
        this.channel = channel;
    }

    String replyToAddress() {
        return replyToAddress;
    }

    void qos(long prefetchSize, int prefetchCount, boolean global) {
        if (prefetchSize != 0) {
            throw AmqpException.connection(AmqpSpec.NOT_IMPLEMENTED, "prefetch_size!=0 (" + prefetchSize + ")");
        }
        if (global) {
            int inUse = 0;
            for (Unacked u : unacked.values()) {
                if (u.consumer() != null) {
                    inUse++;
                }
            }
            globalPrefetch = prefetchCount;
            globalCredit.set(prefetchCount - inUse);
            wakeQueues();
        } else {
            consumerPrefetch = prefetchCount;
        }
    }

    boolean reserveGlobalCredit() {
        if (globalPrefetch == 0) {
            return true;
        }
        if (globalCredit.decrementAndGet() < 0) {
            globalCredit.incrementAndGet();
            return false;
        }
        return true;
    }

    void consume(String queueName, String requestedTag, boolean noAck, boolean exclusive, boolean nowait, Map<String, Object> arguments) {
        String tag = requestedTag.isEmpty() ? "amq.ctag-" + RandomNames.token(16) : requestedTag;
        if (byTag.containsKey(tag)) {
            throw AmqpException.connection(AmqpSpec.NOT_ALLOWED, "attempt to reuse consumer tag '" + tag + "'");
        }
        int priority = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE,
                ConsumerArguments.parse(channel.connection().vhost().name(), queueName, arguments).priority()));
        if (DirectReplyTo.PSEUDO_QUEUE.equals(queueName)) {
            consumeReplies(tag, noAck, nowait);
            return;
        }
        MessageQueue queue = channel.topology().requireQueue(queueName);
        ChannelConsumer consumer = new ChannelConsumer(channel, tag, queue, noAck, priority, consumerPrefetch);
        byTag.put(tag, consumer);
        java.util.concurrent.CompletableFuture<MessageQueue.QueueCounts> added = queue.addConsumer(consumer, exclusive,
                () -> channel.enqueueControl(() -> {
            if (!nowait && channel.isOpen()) {
                ByteBuf ok = channel.connection().buffer();
                MethodEncoder.basicConsumeOk(ok, channel.number(), tag);
                channel.connection().write(ok);
            }
        }));
        added.whenComplete((counts, error) -> {
            if (error != null) {
                channel.execute(() -> byTag.remove(tag, consumer));
            }
        });
        channel.whenDone(added, counts -> { });
    }

    private void consumeReplies(String tag, boolean noAck, boolean nowait) {
        if (!noAck) {
            throw AmqpException.channel(AmqpException.PRECONDITION_FAILED, "reply consumer cannot acknowledge");
        }
        if (replyToAddress != null) {
            throw AmqpException.channel(AmqpException.PRECONDITION_FAILED, "reply consumer already set");
        }
        ChannelConsumer consumer = new ChannelConsumer(channel, tag, null, true, 0, 0);
        byTag.put(tag, consumer);
        replyToAddress = channel.connection().context().directReplyTo().register(consumer);
        if (!nowait) {
            ByteBuf ok = channel.connection().buffer();
            MethodEncoder.basicConsumeOk(ok, channel.number(), tag);
            channel.connection().write(ok);
        }
    }

    void cancel(String tag, boolean nowait) {
        ChannelConsumer consumer = byTag.remove(tag);
        if (consumer != null) {
            detach(consumer);
        }
        if (!nowait) {
            ByteBuf ok = channel.connection().buffer();
            MethodEncoder.basicCancelOk(ok, channel.number(), tag);
            channel.connection().write(ok);
        }
    }

    /** The queue under a consumer was deleted: forget it and tell a client that understands. */
    void cancelledByBroker(ChannelConsumer consumer) {
        if (byTag.remove(consumer.tag(), consumer) && channel.isOpen()
                && channel.connection().clientSupports("consumer_cancel_notify")) {
            ByteBuf cancel = channel.connection().buffer();
            MethodEncoder.basicCancel(cancel, channel.number(), consumer.tag(), false);
            channel.connection().write(cancel);
            channel.connection().flush();
        }
    }

    void get(String queueName, boolean noAck) {
        MessageQueue queue = channel.topology().requireQueue(queueName);
        channel.whenDone(queue.get(noAck), result -> {
            ByteBuf out = channel.connection().buffer();
            if (result == null) {
                MethodEncoder.basicGetEmpty(out, channel.number(), "");
                channel.connection().write(out);
                return;
            }
            QueuedMessage m = result.message();
            long tag = ++lastDeliveryTag;
            if (!noAck) {
                unacked.put(tag, new Unacked(queue, m.sequence(), null));
            }
            Message message = m.deliveredMessage();
            MethodEncoder.basicGetOk(out, channel.number(), tag, m.redelivered(), message.exchange(), message.routingKey(), result.remaining());
            ContentWriter.write(channel.connection(), out, channel.number(), message, message.encodedProperties());
        });
    }

    /** Writes one delivery from a queue, or hands it back if the channel or consumer is gone. */
    void deliver(ChannelConsumer consumer, QueuedMessage m) {
        if (!channel.isOpen() || consumer.cancelled()) {
            if (!consumer.autoAck()) {
                consumer.release();
                releaseGlobal(1);
                consumer.queue().requeue(new long[] {m.sequence()}, 1, false);
            }
            return;
        }
        long tag = ++lastDeliveryTag;
        if (!consumer.autoAck()) {
            unacked.put(tag, new Unacked(consumer.queue(), m.sequence(), consumer));
        }
        Message message = m.deliveredMessage();
        ByteBuf out = channel.connection().buffer();
        MethodEncoder.basicDeliver(out, channel.number(), consumer.tag(), tag, m.redelivered(), message.exchange(), message.routingKey());
        ContentWriter.write(channel.connection(), out, channel.number(), message, message.encodedProperties());
    }

    void checkTag(long tag, boolean multiple) {
        if (multiple && tag == 0) {
            return;
        }
        if (!unacked.containsKey(tag)) {
            throw AmqpException.channel(AmqpException.PRECONDITION_FAILED, "unknown delivery tag " + tag);
        }
    }

    void settle(long tag, boolean multiple, AmqpChannel.Settlement settlement) {
        List<Unacked> settled = new ArrayList<>();
        if (multiple) {
            Iterator<Map.Entry<Long, Unacked>> it = unacked.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Long, Unacked> e = it.next();
                if (tag != 0 && e.getKey() > tag) {
                    break;
                }
                settled.add(e.getValue());
                it.remove();
            }
        } else {
            Unacked u = unacked.remove(tag);
            if (u == null) {
                throw AmqpException.channel(AmqpException.PRECONDITION_FAILED, "unknown delivery tag " + tag);
            }
            settled.add(u);
        }
        apply(settled, settlement);
    }

    void recover(boolean requeue) {
        if (!requeue) {
            throw AmqpException.connection(AmqpSpec.NOT_IMPLEMENTED, "requeue=false");
        }
        List<Unacked> all = new ArrayList<>(unacked.values());
        unacked.clear();
        apply(all, AmqpChannel.Settlement.RETURN);
    }

    /** The channel is closing: cancel every consumer and requeue every unsettled message. */
    void releaseAll() {
        for (ChannelConsumer consumer : byTag.values()) {
            detach(consumer);
        }
        byTag.clear();
        List<Unacked> all = new ArrayList<>(unacked.values());
        unacked.clear();
        apply(all, AmqpChannel.Settlement.REQUEUE);
    }

    void wakeQueues() {
        for (ChannelConsumer consumer : byTag.values()) {
            if (consumer.queue() != null) {
                consumer.queue().wakeUp();
            }
        }
    }

    private void detach(ChannelConsumer consumer) {
        consumer.cancel();
        if (consumer.queue() != null) {
            consumer.queue().removeConsumer(consumer);
        } else {
            channel.connection().context().directReplyTo().unregister(replyToAddress);
            replyToAddress = null;
        }
    }

    private void apply(List<Unacked> settled, AmqpChannel.Settlement settlement) {
        Map<MessageQueue, long[]> byQueue = new IdentityHashMap<>();
        Map<MessageQueue, Integer> counts = new IdentityHashMap<>();
        int consumerDeliveries = 0;
        for (Unacked u : settled) {
            if (u.consumer() != null) {
                u.consumer().release();
                consumerDeliveries++;
            }
            long[] seqs = byQueue.computeIfAbsent(u.queue(), q -> new long[settled.size()]);
            int n = counts.getOrDefault(u.queue(), 0);
            seqs[n] = u.sequence();
            counts.put(u.queue(), n + 1);
        }
        releaseGlobal(consumerDeliveries);
        byQueue.forEach((queue, seqs) -> {
            int n = counts.get(queue);
            switch (settlement) {
                case ACK -> queue.ack(seqs, n);
                case REQUEUE -> queue.requeue(seqs, n, true);
                case RETURN -> queue.requeue(seqs, n, false);
                case REJECT -> queue.reject(seqs, n);
            }
        });
        if (consumerDeliveries > 0 && globalPrefetch > 0) {
            wakeQueues();
        }
    }

    private void releaseGlobal(int n) {
        if (globalPrefetch > 0 && n > 0) {
            globalCredit.addAndGet(n);
        }
    }

    /** A delivery awaiting settlement; consumer is null for basic.get. */
    private record Unacked(MessageQueue queue, long sequence, ChannelConsumer consumer) { }
}
