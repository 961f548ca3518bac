package dev.revenant.broker.server;

import dev.revenant.amqp.AmqpSpec;
import dev.revenant.amqp.MethodDecoder;
import dev.revenant.amqp.MethodEncoder;
import dev.revenant.amqp.MethodHandler;
import dev.revenant.broker.AmqpException;
import dev.revenant.broker.queue.arguments.PreconditionFailedException;
import dev.revenant.broker.queue.QueuedMessage;
import io.netty.buffer.ByteBuf;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One AMQP channel: decodes its methods, owns its protocol state (content assembly, consumers,
 * unacked deliveries, prefetch, confirm and tx modes) and runs only on its connection's event
 * loop. Queues reach it through {@link #enqueueDelivery} and {@link #execute}, never directly.
 */
final class AmqpChannel implements MethodHandler {
    /** Swallows content frames that arrive while the connection is closing. */
    static final AmqpChannel DISCARDING = new AmqpChannel(null, 0);

    private enum State { OPEN, CLOSING, CLOSED }

    private final AmqpConnection connection;
    private final int number;
    private final ContentAssembler assembler;
    private final ChannelPublisher publisher;
    private final ChannelConsumers consumers;
    private final TopologyCommands topology;
    private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drainDeliveries;
    private State state = State.OPEN;
    private int currentMethod;
    private boolean openOkSent;

    AmqpChannel(AmqpConnection connection, int number) {
        this.connection = connection;
        this.number = number;
        long maxMessageSize = connection == null ? 0 : connection.context().config().maxMessageSize();
        this.assembler = new ContentAssembler(maxMessageSize);
        this.consumers = new ChannelConsumers(this);
        this.publisher = new ChannelPublisher(this);
        this.topology = new TopologyCommands(this);
    }

    int number() { return number; }
    AmqpConnection connection() { return connection; }
    ChannelConsumers consumers() { return consumers; }
    TopologyCommands topology() { return topology; }
    boolean isOpen() { return state == State.OPEN; }

    // ------------------------------------------------------------------ frames in

    void method(ByteBuf payload) {
        int method = payload.getInt(payload.readerIndex());
        if (state == State.CLOSING) {
            if (method == AmqpSpec.CHANNEL_CLOSE_OK || method == AmqpSpec.CHANNEL_CLOSE) {
                MethodDecoder.decode(number, payload, this);
            }
            return; // RabbitMQ discards everything else until close-ok
        }
        if (assembler.inProgress()) {
            throw AmqpException.connection(AmqpSpec.UNEXPECTED_FRAME, "expected content header for class 60, got non content header frame instead");
        }
        currentMethod = method;
        guarded(() -> MethodDecoder.decode(number, payload, this));
    }

    void contentHeader(ByteBuf payload) {
        content(() -> assembler.header(payload));
    }

    void contentBody(ByteBuf payload) {
        content(() -> assembler.body(payload));
    }

    /** Feeds one content frame to the assembler and publishes the message it completes, if any. */
    private void content(java.util.function.Supplier<ContentAssembler.Publish> frame) {
        if (this == DISCARDING || state == State.CLOSING) {
            return;
        }
        guarded(() -> {
            ContentAssembler.Publish p = frame.get();
            if (p != null) {
                publisher.publish(p);
            }
        });
    }

    /** Runs frame handling, turning soft errors into a channel close (hard ones propagate). */
    private void guarded(Runnable handling) {
        try {
            handling.run();
        } catch (AmqpException e) {
            fail(e);
        } catch (PreconditionFailedException e) {
            fail(AmqpException.channel(AmqpException.PRECONDITION_FAILED, e.detail()));
        }
    }

    /** End of one socket read: send the confirms it produced in one go. */
    void readBatchComplete() {
        publisher.flushConfirms();
    }

    private void fail(AmqpException e) {
        if (e.connectionLevel()) {
            throw e;
        }
        closeWithError(e);
    }

    /** Closes this channel with a soft error (channel.close sent, resources released now). */
    void closeWithError(AmqpException e) {
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        release();
        ByteBuf frame = connection.buffer();
        MethodEncoder.channelClose(frame, number, e.replyCode(), e.replyText(), currentMethod >>> 16, currentMethod & 0xFFFF);
        connection.write(frame);
        connection.flush();
    }

    // ------------------------------------------------------------------ channel class

    @Override
    public void channelOpen(int channel, String outOfBand) {
        if (openOkSent) {
            throw AmqpException.connection(AmqpSpec.CHANNEL_ERROR, "second 'channel.open' seen");
        }
        openOkSent = true;
        ByteBuf ok = connection.buffer();
        MethodEncoder.channelOpenOk(ok, number, new byte[0]);
        connection.write(ok);
    }

    @Override
    public void channelClose(int channel, int replyCode, String replyText, int classId, int methodId) {
        release();
        state = State.CLOSED;
        ByteBuf ok = connection.buffer();
        MethodEncoder.channelCloseOk(ok, number);
        connection.write(ok);
        connection.channelClosed(this);
    }

    @Override
    public void channelCloseOk(int channel) {
        state = State.CLOSED;
        connection.channelClosed(this);
    }

    @Override
    public void channelFlow(int channel, boolean active) {
        if (!active) {
            throw AmqpException.connection(AmqpSpec.NOT_IMPLEMENTED, "active=false");
        }
        ByteBuf ok = connection.buffer();
        MethodEncoder.channelFlowOk(ok, number, true);
        connection.write(ok);
    }

    @Override
    public void channelFlowOk(int channel, boolean active) {
        // The broker never sends channel.flow, so an answer needs no action.
    }

    @Override
    public void accessRequest(int channel, String realm, boolean exclusive, boolean passive, boolean active, boolean write, boolean read) {
        ByteBuf ok = connection.buffer();
        MethodEncoder.accessRequestOk(ok, number, 1);
        connection.write(ok);
    }

    @Override
    public void unexpectedMethod(int channel, int classId, int methodId) {
        throw AmqpException.connection(AmqpSpec.COMMAND_INVALID,
                "unexpected method " + AmqpSpec.methodName(classId, methodId) + " on channel " + number);
    }

    // ------------------------------------------------------------------ exchange and queue classes

    @Override
    public void exchangeDeclare(int channel, int ticket, String exchange, String type, boolean passive, boolean durable,
                                boolean autoDelete, boolean internal, boolean nowait, Map<String, Object> arguments) {
        topology.exchangeDeclare(exchange, type, passive, durable, autoDelete, internal, nowait, arguments);
    }

    @Override
    public void exchangeDelete(int channel, int ticket, String exchange, boolean ifUnused, boolean nowait) {
        topology.exchangeDelete(exchange, ifUnused, nowait);
    }

    @Override
    public void exchangeBind(int channel, int ticket, String destination, String source, String routingKey, boolean nowait,
                             Map<String, Object> arguments) {
        topology.exchangeBind(destination, source, routingKey, nowait, arguments, true);
    }

    @Override
    public void exchangeUnbind(int channel, int ticket, String destination, String source, String routingKey, boolean nowait,
                               Map<String, Object> arguments) {
        topology.exchangeBind(destination, source, routingKey, nowait, arguments, false);
    }

    @Override
    public void queueDeclare(int channel, int ticket, String queue, boolean passive, boolean durable, boolean exclusive,
                             boolean autoDelete, boolean nowait, Map<String, Object> arguments) {
        topology.queueDeclare(queue, passive, durable, exclusive, autoDelete, nowait, arguments);
    }

    @Override
    public void queueBind(int channel, int ticket, String queue, String exchange, String routingKey, boolean nowait,
                          Map<String, Object> arguments) {
        topology.queueBind(queue, exchange, routingKey, nowait, arguments, true);
    }

    @Override
    public void queueUnbind(int channel, int ticket, String queue, String exchange, String routingKey, Map<String, Object> arguments) {
        topology.queueBind(queue, exchange, routingKey, false, arguments, false);
    }

    @Override
    public void queuePurge(int channel, int ticket, String queue, boolean nowait) {
        topology.queuePurge(queue, nowait);
    }

    @Override
    public void queueDelete(int channel, int ticket, String queue, boolean ifUnused, boolean ifEmpty, boolean nowait) {
        topology.queueDelete(queue, ifUnused, ifEmpty, nowait);
    }

    // ------------------------------------------------------------------ basic, confirm and tx classes

    @Override
    public void basicQos(int channel, long prefetchSize, int prefetchCount, boolean global) {
        consumers.qos(prefetchSize, prefetchCount, global);
        ByteBuf ok = connection.buffer();
        MethodEncoder.basicQosOk(ok, number);
        connection.write(ok);
    }

    @Override
    public void basicConsume(int channel, int ticket, String queue, String consumerTag, boolean noLocal, boolean noAck,
                             boolean exclusive, boolean nowait, Map<String, Object> arguments) {
        consumers.consume(queue, consumerTag, noAck, exclusive, nowait, arguments);
    }

    @Override
    public void basicCancel(int channel, String consumerTag, boolean nowait) {
        consumers.cancel(consumerTag, nowait);
    }

    @Override
    public void basicPublish(int channel, int ticket, String exchange, String routingKey, boolean mandatory, boolean immediate) {
        if (immediate) {
            throw AmqpException.connection(AmqpSpec.NOT_IMPLEMENTED, "immediate=true");
        }
        publisher.checkExchange(exchange);
        assembler.begin(exchange, routingKey, mandatory);
    }

    @Override
    public void basicGet(int channel, int ticket, String queue, boolean noAck) {
        consumers.get(queue, noAck);
    }

    @Override
    public void basicAck(int channel, long deliveryTag, boolean multiple) {
        settle(deliveryTag, multiple, Settlement.ACK);
    }

    @Override
    public void basicReject(int channel, long deliveryTag, boolean requeue) {
        settle(deliveryTag, false, requeue ? Settlement.REQUEUE : Settlement.REJECT);
    }

    @Override
    public void basicNack(int channel, long deliveryTag, boolean multiple, boolean requeue) {
        settle(deliveryTag, multiple, requeue ? Settlement.RETURN : Settlement.REJECT);
    }

    private void settle(long deliveryTag, boolean multiple, Settlement settlement) {
        consumers.checkTag(deliveryTag, multiple);
        if (publisher.transactional()) {
            publisher.deferUntilCommit(() -> consumers.settle(deliveryTag, multiple, settlement));
        } else {
            consumers.settle(deliveryTag, multiple, settlement);
        }
    }

    @Override
    public void basicRecover(int channel, boolean requeue) {
        consumers.recover(requeue);
        ByteBuf ok = connection.buffer();
        MethodEncoder.basicRecoverOk(ok, number);
        connection.write(ok);
    }

    @Override
    public void basicRecoverAsync(int channel, boolean requeue) {
        consumers.recover(requeue);
    }

    @Override
    public void confirmSelect(int channel, boolean nowait) {
        publisher.confirmSelect(nowait);
    }

    @Override
    public void txSelect(int channel) {
        publisher.txSelect();
    }

    @Override
    public void txCommit(int channel) {
        publisher.txCommit();
    }

    @Override
    public void txRollback(int channel) {
        publisher.txRollback();
    }

    // ------------------------------------------------------------------ deliveries from queues

    /** Called on a queue's thread: queue the delivery and make sure the event loop drains it. */
    void enqueueDelivery(ChannelConsumer consumer, QueuedMessage message) {
        enqueueControl(() -> consumers.deliver(consumer, message));
    }

    /** Runs a task on the event loop in order with deliveries (e.g. consume-ok before the first one). */
    void enqueueControl(Runnable task) {
        inbox.add(task);
        if (drainScheduled.compareAndSet(false, true)) {
            connection.execute(drainTask);
        }
    }

    private void drainDeliveries() {
        drainScheduled.set(false);
        Runnable task;
        while ((task = inbox.poll()) != null) {
            task.run();
        }
        connection.flush();
    }

    /** Whether consumers of this channel may take messages now (open, socket not backed up). */
    boolean canDeliver() {
        return state == State.OPEN && connection.writable();
    }

    boolean reserveGlobalCredit() {
        return consumers.reserveGlobalCredit();
    }

    void wakeConsumedQueues() {
        consumers.wakeQueues();
    }

    void consumerCancelledByBroker(ChannelConsumer consumer) {
        consumers.cancelledByBroker(consumer);
    }

    void execute(Runnable task) {
        connection.execute(task);
    }

    /** Sends a reply once a queue operation completes, or closes the channel with its error. */
    <T> void whenDone(CompletableFuture<T> future, Consumer<T> reply) {
        future.whenComplete((result, error) -> connection.execute(() -> {
            if (state != State.OPEN) {
                return;
            }
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
                if (cause instanceof AmqpException e) {
                    if (e.connectionLevel()) {
                        connection.close(e.replyCode(), e.getMessage(), currentMethod >>> 16, currentMethod & 0xFFFF);
                    } else {
                        closeWithError(e);
                    }
                } else {
                    closeWithError(AmqpException.channel(AmqpSpec.INTERNAL_ERROR, String.valueOf(cause)));
                }
                connection.flush();
                return;
            }
            reply.accept(result);
            connection.flush();
        }));
    }

    /** Frees everything this channel holds: consumers cancelled, unacked messages requeued. */
    void release() {
        if (this == DISCARDING) {
            return;
        }
        if (state == State.OPEN) {
            state = State.CLOSING;
        }
        assembler.reset();
        consumers.releaseAll();
        Runnable task;
        while ((task = inbox.poll()) != null) {
            task.run(); // a closed channel hands pending deliveries back to their queues
        }
    }

    /** What a client did with a delivery. */
    enum Settlement {
        /** Done with it. */
        ACK,
        /** Put back after a failure (basic.reject with requeue, a lost channel). */
        REQUEUE,
        /** Put back without counting a failure (basic.nack with requeue, basic.recover). */
        RETURN,
        /** Rejected without requeue: retried or dead-lettered. */
        REJECT
    }
}
