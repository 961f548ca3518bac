package dev.revenant.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revenant.testkit.BrokerTarget;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A plain socket speaking hand-built AMQP frames, for what amqp-client refuses to send: bad
 * headers, frames out of order, oversized frames. Reads block at most {@link #READ_TIMEOUT},
 * so a broker that never answers fails the test instead of hanging it.
 */
final class RawAmqpConnection implements AutoCloseable {
    static final byte[] AMQP_0_9_1 = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    /** What the broker proposed in connection.tune. */
    record Tune(int channelMax, long frameMax, int heartbeat) {
    }

    /** A connection.close (or channel.close) as the broker sent it. */
    record Close(int replyCode, String replyText, int classId, int methodId) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    private RawAmqpConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(socket.getOutputStream());
    }

    static RawAmqpConnection open(BrokerTarget target) throws IOException {
        Socket socket = new Socket(target.host(), target.port());
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
        return new RawAmqpConnection(socket);
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void sendFrame(int type, int channel, byte[] payload) throws IOException {
        sendFrame(type, channel, payload, Frame.FRAME_END);
    }

    /** Sends a frame with an arbitrary frame-end octet (a correct client always sends 0xCE). */
    void sendFrame(int type, int channel, byte[] payload, int frameEnd) throws IOException {
        out.writeByte(type);
        out.writeShort(channel);
        out.writeInt(payload.length);
        out.write(payload);
        out.writeByte(frameEnd);
        out.flush();
    }

    void sendMethod(int channel, MethodArguments method) throws IOException {
        sendFrame(Frame.METHOD, channel, method.bytes());
    }

    /** A content header frame: class, weight 0, body size, then flags and property list. */
    void sendContentHeader(int channel, int classId, long bodySize, byte[] flagsAndProperties) throws IOException {
        byte[] payload = MethodArguments.method(classId, 0).longLong(bodySize).raw(flagsAndProperties).bytes();
        sendFrame(Frame.HEADER, channel, payload);
    }

    /** A basic.publish to the default exchange followed by its header (no properties) and one body frame. */
    void publish(int channel, String routingKey, byte[] body) throws IOException {
        sendMethod(channel, MethodArguments.method(60, 40).shortInt(0).shortString("").shortString(routingKey).bits(false, false));
        sendContentHeader(channel, 60, body.length, new byte[] {0, 0});
        sendFrame(Frame.BODY, channel, body);
    }

    /** Reads the next frame; fails on a wrong frame-end octet. */
    Frame readFrame() throws IOException {
        int type = in.readUnsignedByte();
        int channel = in.readUnsignedShort();
        int size = in.readInt();
        byte[] payload = new byte[size];
        in.readFully(payload);
        int end = in.readUnsignedByte();
        assertThat(end).as("frame-end octet from the broker").isEqualTo(Frame.FRAME_END);
        return new Frame(type, channel, payload);
    }

    /** Reads frames until a method frame arrives, skipping heartbeats. */
    Frame readMethod() throws IOException {
        Frame frame = readFrame();
        while (frame.type() == Frame.HEARTBEAT) {
            frame = readFrame();
        }
        assertThat(frame.isMethod()).as("expected a method frame, got %s", frame).isTrue();
        return frame;
    }

    Frame expectMethod(int classId, int methodId) throws IOException {
        Frame frame = readMethod();
        assertThat(frame.classId() + "." + frame.methodId()).as("method received").isEqualTo(classId + "." + methodId);
        return frame;
    }

    /** Sends the protocol header and reads connection.start (returned for inspection). */
    Frame start() throws IOException {
        write(AMQP_0_9_1);
        return expectMethod(10, 10);
    }

    /** Answers connection.start with the given mechanism and response; returns connection.tune. */
    Tune startOk(String mechanism, byte[] response) throws IOException {
        sendMethod(0, MethodArguments.method(10, 11).emptyTable().shortString(mechanism).longString(response).shortString("en_US"));
        ArgumentReader tune = expectMethod(10, 30).arguments();
        return new Tune(tune.shortInt(), tune.longInt(), tune.shortInt());
    }

    /** Sends tune-ok and connection.open for vhost "/"; reads open-ok. */
    void tuneOkAndOpen(int channelMax, long frameMax, int heartbeat) throws IOException {
        sendMethod(0, MethodArguments.method(10, 31).shortInt(channelMax).longInt(frameMax).shortInt(heartbeat));
        sendMethod(0, MethodArguments.method(10, 40).shortString("/").shortString("").bits(false));
        expectMethod(10, 41);
    }

    /**
     * The whole handshake as guest/guest with PLAIN; {@code tuneOk} turns the broker's proposal
     * into the values sent back. Returns the proposal.
     */
    Tune handshake(UnaryOperator<Tune> tuneOk) throws IOException {
        start();
        Tune proposal = startOk("PLAIN", plain("guest", "guest"));
        Tune answer = tuneOk.apply(proposal);
        tuneOkAndOpen(answer.channelMax(), answer.frameMax(), answer.heartbeat());
        return proposal;
    }

    /** A handshake accepting the broker's channel-max and frame-max, heartbeats off. */
    Tune handshake() throws IOException {
        return handshake(proposal -> new Tune(proposal.channelMax(), proposal.frameMax(), 0));
    }

    void openChannel(int channel) throws IOException {
        sendMethod(channel, MethodArguments.method(20, 10).shortString(""));
        expectMethod(20, 11);
    }

    /**
     * Reads until the broker's connection.close (skipping anything else it still sends),
     * answers close-ok and checks that the broker then closes the socket.
     */
    Close awaitConnectionClose() throws IOException {
        Frame frame = readMethod();
        while (!frame.isMethod(10, 50)) {
            frame = readMethod();
        }
        Close close = readClose(frame);
        sendMethod(0, MethodArguments.method(10, 51));
        assertThat(awaitEndOfStream()).as("socket closed after connection.close-ok").isTrue();
        return close;
    }

    /** Reads until a channel.close on the given channel; answers close-ok. */
    Close awaitChannelClose(int channel) throws IOException {
        Frame frame = readMethod();
        while (!(frame.isMethod(20, 40) && frame.channel() == channel)) {
            frame = readMethod();
        }
        Close close = readClose(frame);
        sendMethod(channel, MethodArguments.method(20, 41));
        return close;
    }

    private static Close readClose(Frame frame) {
        ArgumentReader args = frame.arguments();
        return new Close(args.shortInt(), args.shortString(), args.shortInt(), args.shortInt());
    }

    /**
     * Reads (and discards) whatever the broker still sends until it closes the socket; false if
     * the socket is still open after the read timeout.
     */
    boolean awaitEndOfStream() throws IOException {
        InputStream stream = socket.getInputStream();
        byte[] sink = new byte[4096];
        try {
            while (stream.read(sink) >= 0) {
                // discard: only the end of the stream matters here
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // connection reset: closed by the broker
        }
    }

    /** Reads exactly {@code count} raw bytes (for the protocol header the broker answers with). */
    byte[] readBytes(int count) throws IOException {
        byte[] bytes = new byte[count];
        try {
            in.readFully(bytes);
        } catch (EOFException e) {
            throw new AssertionError("broker closed the socket before sending " + count + " bytes", e);
        }
        return bytes;
    }

    static byte[] plain(String user, String password) {
        return ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
