package dev.revenant.broker.server;

import dev.revenant.amqp.AmqpSpec;
import dev.revenant.amqp.FrameFormatException;
import dev.revenant.amqp.FrameParser;
import dev.revenant.amqp.Frames;
import dev.revenant.amqp.MethodDecoder;
import dev.revenant.amqp.MethodEncoder;
import dev.revenant.broker.AmqpException;
import dev.revenant.broker.BrokerConfig.UserCredentials;
import dev.revenant.broker.vhost.VirtualHost;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.collection.IntObjectHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: the protocol header, frame cutting, channel 0 and the channel table.
 * Everything here runs on the connection's Netty event loop; other threads reach it only through
 * {@link #execute}. Frames are written as they are produced and flushed once per read or batch.
 */
public final class AmqpConnection extends ByteToMessageDecoder implements FrameParser.FrameListener {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpConnection.class);

    enum Phase { AWAIT_HEADER, AWAIT_START_OK, AWAIT_TUNE_OK, AWAIT_OPEN, OPEN, CLOSING, CLOSED }

    private final ServerContext context;
    private final IntObjectHashMap<AmqpChannel> channels = new IntObjectHashMap<>();
    private final ConnectionNegotiation negotiation;
    private final PublishFlow publishFlow = new PublishFlow(this);
    private ChannelHandlerContext ctx;
    private String id = "unconnected";
    Phase phase = Phase.AWAIT_HEADER;
    int frameMax = AmqpSpec.FRAME_MIN_SIZE;
    int channelMax;
    int heartbeatSeconds;
    UserCredentials user;
    VirtualHost vhost;
    Map<String, Object> clientCapabilities = Map.of();
    private boolean dirty;
    private boolean publisher;
    private String alarm;
    private boolean blockedNotified;
    private int currentMethod;
    private long lastReadNanos = System.nanoTime();
    private long lastWriteNanos = System.nanoTime();
    private ScheduledFuture<?> heartbeatTask;
    private ScheduledFuture<?> handshakeTimeout;

    public AmqpConnection(ServerContext context) {
        this.context = context;
        this.negotiation = new ConnectionNegotiation(this, context);
    }

    public String id() { return id; }
    public UserCredentials user() { return user; }
    VirtualHost vhost() { return vhost; }
    ServerContext context() { return context; }
    PublishFlow publishFlow() { return publishFlow; }

    /** Whether the client announced a capability in its client-properties, e.g. consumer_cancel_notify. */
    boolean clientSupports(String capability) {
        return Boolean.TRUE.equals(clientCapabilities.get(capability));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        this.id = ctx.channel().remoteAddress() + " -> " + ctx.channel().localAddress();
        context.connectionOpened(this);
        handshakeTimeout = ctx.executor().schedule(() -> {
            if (phase.compareTo(Phase.OPEN) < 0) {
                LOG.warn("closing connection {}: handshake not completed within 10 s", id);
                ctx.close();
            }
        }, 10, TimeUnit.SECONDS);
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        lastReadNanos = System.nanoTime();
        if (phase == Phase.CLOSED) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            if (phase == Phase.AWAIT_HEADER) {
                if (in.readableBytes() < Frames.PROTOCOL_HEADER.length || !negotiation.acceptHeader(in)) {
                    return;
                }
            }
            FrameParser.parse(in, frameMax, this);
        } catch (FrameFormatException e) {
            in.skipBytes(in.readableBytes());
            close(e.replyCode(), e.getMessage(), 0, 0);
        } catch (AmqpException e) {
            in.skipBytes(in.readableBytes());
            close(e.replyCode(), e.getMessage(), currentMethod >>> 16, currentMethod & 0xFFFF);
        }
    }

    @Override
    public boolean acceptingFrames() {
        return phase != Phase.CLOSED && ctx.channel().isActive();
    }

    @Override
    public void methodFrame(int channel, ByteBuf payload) {
        if (phase == Phase.CLOSING) {
            int classAndMethod = payload.getInt(payload.readerIndex());
            if (channel == 0 && (classAndMethod == AmqpSpec.CONNECTION_CLOSE_OK || classAndMethod == AmqpSpec.CONNECTION_CLOSE)) {
                MethodDecoder.decode(0, payload, negotiation);
            }
            return; // after sending connection.close everything but close(-ok) is discarded
        }
        currentMethod = payload.readableBytes() >= 4 ? payload.getInt(payload.readerIndex()) : 0;
        if (channel == 0) {
            if (phase == Phase.OPEN && (currentMethod >>> 16) != AmqpSpec.CLASS_CONNECTION) {
                throw AmqpException.connection(AmqpSpec.CHANNEL_ERROR, "unexpected method in connection state running");
            }
            MethodDecoder.decode(0, payload, negotiation);
            return;
        }
        if (phase != Phase.OPEN) {
            throw AmqpException.connection(AmqpSpec.COMMAND_INVALID, "connection not open: method frame on channel " + channel);
        }
        AmqpChannel ch = channels.get(channel);
        if (ch == null) {
            if (currentMethod != AmqpSpec.CHANNEL_OPEN) {
                throw AmqpException.connection(AmqpSpec.CHANNEL_ERROR, "expected 'channel.open'");
            }
            if (channels.size() >= channelMax) {
                throw AmqpException.connection(AmqpSpec.NOT_ALLOWED, "number of channels opened (" + channels.size()
                        + ") has reached the negotiated channel_max (" + channelMax + ")");
            }
            ch = new AmqpChannel(this, channel);
            channels.put(channel, ch);
        }
        ch.method(payload);
    }

    @Override
    public void headerFrame(int channel, ByteBuf payload) {
        contentChannel(channel).contentHeader(payload);
    }

    @Override
    public void bodyFrame(int channel, ByteBuf payload) {
        contentChannel(channel).contentBody(payload);
    }

    @Override
    public void heartbeatFrame(int channel) {
        // Reading any frame already refreshed lastReadNanos.
    }

    private AmqpChannel contentChannel(int channel) {
        if (phase == Phase.CLOSING) {
            return AmqpChannel.DISCARDING;
        }
        AmqpChannel ch = channels.get(channel);
        if (channel == 0 || ch == null) {
            throw AmqpException.connection(AmqpSpec.UNEXPECTED_FRAME, "content frame on channel " + channel + " which is not open");
        }
        return ch;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        for (AmqpChannel ch : channels.values()) {
            ch.readBatchComplete();
        }
        flush();
        super.channelReadComplete(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            for (AmqpChannel ch : channels.values()) {
                ch.wakeConsumedQueues();
            }
        }
        super.channelWritabilityChanged(ctx);
    }

    io.netty.channel.Channel nettyChannel() {
        return ctx.channel();
    }

    /** Marks this connection as one that publishes: it is held back while a resource alarm is raised. */
    void published() {
        if (!publisher) {
            publisher = true;
            updateReading();
        }
    }

    /** A resource alarm was raised (reason) or cleared (null); runs on the event loop. */
    void alarmChanged(String reason) {
        alarm = reason;
        if (phase != Phase.OPEN) {
            return; // told once the connection is open
        }
        boolean block = reason != null;
        if (clientSupports("connection.blocked") && block != blockedNotified) {
            blockedNotified = block;
            ByteBuf frame = buffer();
            if (block) {
                MethodEncoder.connectionBlocked(frame, 0, reason);
            } else {
                MethodEncoder.connectionUnblocked(frame, 0);
            }
            write(frame);
            flush();
        }
        updateReading();
    }

    String pendingAlarm() {
        return alarm;
    }

    /** Reads the socket unless queue backlogs or a resource alarm (for publishers) hold it back. */
    void updateReading() {
        boolean hold = publishFlow.paused() || (publisher && alarm != null);
        ctx.channel().config().setAutoRead(!hold);
    }

    /** Whether the socket accepts more output without buffering beyond its high-water mark. */
    boolean writable() {
        return ctx.channel().isWritable();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        release();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof java.io.IOException) {
            LOG.debug("connection {} I/O error: {}", id, cause.toString());
        } else {
            LOG.error("connection {} failed", id, cause);
            close(AmqpSpec.INTERNAL_ERROR, "internal error", 0, 0);
        }
        ctx.close();
    }

    // ------------------------------------------------------------------ output

    ByteBuf buffer() {
        return ctx.alloc().ioBuffer();
    }

    void write(ByteBuf frame) {
        ctx.write(frame, ctx.voidPromise());
        dirty = true;
    }

    void flush() {
        if (dirty) {
            dirty = false;
            lastWriteNanos = System.nanoTime();
            ctx.flush();
        }
    }

    /** Runs a task on this connection's event loop. */
    void execute(Runnable task) {
        ctx.executor().execute(task);
    }

    // ------------------------------------------------------------------ lifecycle

    void opened() {
        phase = Phase.OPEN;
        if (handshakeTimeout != null) {
            handshakeTimeout.cancel(false);
        }
        LOG.info("connection {} opened by user '{}' on vhost '{}'", id, user.name(), vhost.name());
    }

    void startHeartbeats(int seconds) {
        heartbeatSeconds = seconds;
        if (seconds <= 0) {
            return;
        }
        long periodMillis = Math.max(250, seconds * 1000L / 2);
        heartbeatTask = ctx.executor().scheduleAtFixedRate(this::heartbeatTick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void heartbeatTick() {
        long now = System.nanoTime();
        if (now - lastReadNanos > TimeUnit.SECONDS.toNanos(2L * heartbeatSeconds)) {
            LOG.warn("closing connection {}: missed heartbeats from client, timeout: {}s", id, heartbeatSeconds);
            ctx.close();
            return;
        }
        if (now - lastWriteNanos >= TimeUnit.SECONDS.toNanos(heartbeatSeconds) / 2) {
            ByteBuf frame = buffer();
            Frames.heartbeat(frame);
            write(frame);
            flush();
        }
    }

    /** Removes a channel after channel.close-ok was exchanged. */
    void channelClosed(AmqpChannel channel) {
        channels.remove(channel.number());
    }

    /** Starts a server-initiated close: connection.close now, the socket once close-ok arrives (or 3 s pass). */
    void close(int replyCode, String text, int classId, int methodId) {
        if (phase == Phase.CLOSING || phase == Phase.CLOSED) {
            return;
        }
        String replyText = AmqpException.formatReplyText(replyCode, text);
        if (replyCode != AmqpSpec.CONNECTION_FORCED) {
            LOG.warn("closing connection {}: {}", id, replyText);
        }
        boolean handshakeDone = phase == Phase.OPEN;
        phase = Phase.CLOSING;
        releaseChannels();
        ByteBuf frame = buffer();
        MethodEncoder.connectionClose(frame, 0, replyCode, replyText, classId, methodId);
        write(frame);
        flush();
        if (!handshakeDone && replyCode != AmqpSpec.ACCESS_REFUSED) {
            ctx.close();
            return;
        }
        ctx.executor().schedule(() -> {
            ctx.close();
        }, 3, TimeUnit.SECONDS);
    }

    /** The client sent connection.close: answer close-ok and close the socket. */
    void closedByClient() {
        phase = Phase.CLOSED;
        releaseChannels();
        ByteBuf frame = buffer();
        MethodEncoder.connectionCloseOk(frame, 0);
        ctx.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
    }

    void closeOkReceived() {
        phase = Phase.CLOSED;
        ctx.close();
    }

    private void releaseChannels() {
        List<AmqpChannel> all = new ArrayList<>(channels.values());
        channels.clear();
        for (AmqpChannel ch : all) {
            ch.release();
        }
    }

    private void release() {
        phase = Phase.CLOSED;
        releaseChannels();
        if (heartbeatTask != null) {
            heartbeatTask.cancel(false);
        }
        if (handshakeTimeout != null) {
            handshakeTimeout.cancel(false);
        }
        if (vhost != null) {
            vhost.ownerClosed(this);
        }
        context.connectionClosed(this);
    }

    /** Closes the socket without the AMQP close handshake (broker shutdown or admin action). */
    public void forceClose(String reason) {
        execute(() -> close(AmqpSpec.CONNECTION_FORCED, reason, 0, 0));
    }
}
