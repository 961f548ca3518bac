package dev.revenant.broker.server;

import dev.revenant.amqp.AmqpSpec;
import dev.revenant.amqp.Frames;
import dev.revenant.amqp.MethodEncoder;
import dev.revenant.amqp.MethodHandler;
import dev.revenant.broker.AmqpException;
import dev.revenant.broker.BrokerConfig.UserCredentials;
import dev.revenant.broker.auth.SaslResponse;
import dev.revenant.broker.vhost.VirtualHost;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channel 0 of a connection: protocol header, start/start-ok, tune/tune-ok, open, and close.
 * Enforces the handshake order; any method out of order closes the connection with 503.
 */
final class ConnectionNegotiation implements MethodHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionNegotiation.class);

    private final AmqpConnection connection;
    private final ServerContext context;

    ConnectionNegotiation(AmqpConnection connection, ServerContext context) {
        this.connection = connection;
        this.context = context;
    }

    /** Checks the 8-byte protocol header; on a mismatch answers with ours and closes. */
    boolean acceptHeader(ByteBuf in) {
        byte[] header = new byte[Frames.PROTOCOL_HEADER.length];
        in.readBytes(header);
        if (!java.util.Arrays.equals(header, Frames.PROTOCOL_HEADER)) {
            LOG.warn("connection {} sent an unsupported protocol header; answering with AMQP 0-9-1's", connection.id());
            ByteBuf reply = connection.buffer().writeBytes(Frames.PROTOCOL_HEADER);
            connection.phase = AmqpConnection.Phase.CLOSED;
            connectionChannel().writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
            in.skipBytes(in.readableBytes());
            return false;
        }
        ByteBuf start = connection.buffer();
        MethodEncoder.connectionStart(start, 0, AmqpSpec.MAJOR, AmqpSpec.MINOR,
                ServerProperties.create("revenant@" + hostName()),
                "PLAIN AMQPLAIN".getBytes(StandardCharsets.UTF_8), "en_US".getBytes(StandardCharsets.UTF_8));
        connection.write(start);
        connection.flush();
        connection.phase = AmqpConnection.Phase.AWAIT_START_OK;
        return true;
    }

    @Override
    public void connectionStartOk(int channel, Map<String, Object> clientProperties, String mechanism, byte[] response, String locale) {
        expect(AmqpConnection.Phase.AWAIT_START_OK, "connection.start-ok");
        Object capabilities = clientProperties.get("capabilities");
        if (capabilities instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> caps = (Map<String, Object>) map;
            connection.clientCapabilities = caps;
        }
        if (!"PLAIN".equals(mechanism) && !"AMQPLAIN".equals(mechanism)) {
            refuse("unsupported authentication mechanism '" + mechanism + "'", null);
            return;
        }
        SaslResponse credentials = SaslResponse.parse(mechanism, response);
        Optional<UserCredentials> user = credentials == null ? Optional.empty()
                : context.authenticator().authenticate(credentials.username(), credentials.password(), connectionChannel().remoteAddress());
        if (user.isEmpty()) {
            refuse("Login was refused using authentication mechanism " + mechanism
                    + ". For details see the broker logfile.", credentials == null ? null : credentials.username());
            return;
        }
        connection.user = user.get();
        BrokerTuning tuning = new BrokerTuning(context.config().channelMax(), context.config().frameMax(), context.config().heartbeatSeconds());
        ByteBuf tune = connection.buffer();
        MethodEncoder.connectionTune(tune, 0, tuning.channelMax(), tuning.frameMax(), tuning.heartbeatSeconds());
        connection.write(tune);
        connection.phase = AmqpConnection.Phase.AWAIT_TUNE_OK;
    }

    @Override
    public void connectionTuneOk(int channel, int channelMax, long frameMax, int heartbeat) {
        expect(AmqpConnection.Phase.AWAIT_TUNE_OK, "connection.tune-ok");
        int serverFrameMax = context.config().frameMax();
        if (frameMax != 0 && frameMax < AmqpSpec.FRAME_MIN_SIZE) {
            throw AmqpException.connection(AmqpSpec.NOT_ALLOWED,
                    "frame_max=" + frameMax + " < " + AmqpSpec.FRAME_MIN_SIZE + " min size");
        }
        if (frameMax > serverFrameMax) {
            throw AmqpException.connection(AmqpSpec.NOT_ALLOWED, "frame_max=" + frameMax + " > " + serverFrameMax + " max size");
        }
        int serverChannelMax = context.config().channelMax();
        if (channelMax > serverChannelMax) {
            throw AmqpException.connection(AmqpSpec.NOT_ALLOWED, "channel_max=" + channelMax + " > " + serverChannelMax + " max");
        }
        connection.frameMax = frameMax == 0 ? serverFrameMax : (int) frameMax;
        connection.channelMax = channelMax == 0 ? serverChannelMax : channelMax;
        connection.startHeartbeats(heartbeat);
        connection.phase = AmqpConnection.Phase.AWAIT_OPEN;
    }

    @Override
    public void connectionOpen(int channel, String virtualHost, String capabilities, boolean insist) {
        expect(AmqpConnection.Phase.AWAIT_OPEN, "connection.open");
        VirtualHost vhost = context.virtualHost(virtualHost);
        if (vhost == null) {
            throw AmqpException.connection(AmqpSpec.NOT_ALLOWED, "vhost " + virtualHost + " not found");
        }
        connection.vhost = vhost;
        ByteBuf ok = connection.buffer();
        MethodEncoder.connectionOpenOk(ok, 0, "");
        connection.write(ok);
        connection.opened();
        if (connection.pendingAlarm() != null) {
            connection.alarmChanged(connection.pendingAlarm());
        }
    }

    @Override
    public void connectionClose(int channel, int replyCode, String replyText, int classId, int methodId) {
        connection.closedByClient();
    }

    @Override
    public void connectionCloseOk(int channel) {
        connection.closeOkReceived();
    }

    @Override
    public void unexpectedMethod(int channel, int classId, int methodId) {
        throw AmqpException.connection(AmqpSpec.COMMAND_INVALID,
                "unexpected method " + AmqpSpec.methodName(classId, methodId) + " on channel 0");
    }

    private void expect(AmqpConnection.Phase phase, String method) {
        if (connection.phase != phase) {
            throw AmqpException.connection(AmqpSpec.COMMAND_INVALID, "unexpected " + method + " in handshake phase " + connection.phase);
        }
    }

    private void refuse(String text, String username) {
        LOG.warn("connection {}: authentication failed for user '{}': {}", connection.id(), username, text);
        connection.close(AmqpSpec.ACCESS_REFUSED, text, AmqpSpec.CLASS_CONNECTION, 11);
    }

    private io.netty.channel.Channel connectionChannel() {
        return connection.nettyChannel();
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    private record BrokerTuning(int channelMax, int frameMax, int heartbeatSeconds) { }
}
