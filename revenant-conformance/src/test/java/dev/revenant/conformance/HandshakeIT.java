package dev.revenant.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The connection handshake on the wire, byte by byte: protocol header negotiation, what
 * connection.start and connection.tune carry, limits enforced after tune-ok, heartbeats.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class HandshakeIT extends ConformanceBase {
    private Bystander bystander;

    @BeforeEach
    void connectBystander() throws Exception {
        bystander = Bystander.connect(target);
    }

    @AfterEach
    void closeBystander() {
        bystander.close();
    }

    static Stream<Arguments> wrongHeaders() {
        return Stream.of(
                Arguments.of("HTTP request", "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("AMQP 0-10", new byte[] {'A', 'M', 'Q', 'P', 1, 1, 0, 10}),
                Arguments.of("AMQP 1.0", new byte[] {'A', 'M', 'Q', 'P', 0, 1, 0, 0}),
                Arguments.of("TLS-style AMQP header", new byte[] {'A', 'M', 'Q', 'P', 2, 1, 0, 0}),
                Arguments.of("AMQP 0-9-2", new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 2}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongHeaders")
    void wrongProtocolHeaderGetsTheServersHeaderThenClose(String description, byte[] header) throws Exception {
        try (RawAmqpConnection raw = RawAmqpConnection.open(target)) {
            raw.write(header);
            assertThat(raw.readBytes(8)).as("answer to %s", description).isEqualTo(RawAmqpConnection.AMQP_0_9_1);
            assertThat(raw.awaitEndOfStream()).as("socket closed after the header").isTrue();
        }
        bystander.assertStillServed();
    }

    @Test
    void connectionStartOffers091WithPlainAndAmqplain() throws Exception {
        try (RawAmqpConnection raw = RawAmqpConnection.open(target)) {
            ArgumentReader start = raw.start().arguments();
            assertThat(start.octet()).as("version-major").isZero();
            assertThat(start.octet()).as("version-minor").isEqualTo(9);
            assertThat(start.tableBytes()).as("server-properties").isNotEmpty();
            List<String> mechanisms = Arrays.asList(new String(start.longString(), StandardCharsets.UTF_8).split(" "));
            assertThat(mechanisms).contains("PLAIN", "AMQPLAIN");
            List<String> locales = Arrays.asList(new String(start.longString(), StandardCharsets.UTF_8).split(" "));
            assertThat(locales).contains("en_US");
        }
    }

    @Test
    void amqplainLoginOpensTheConnection() throws Exception {
        try (RawAmqpConnection raw = RawAmqpConnection.open(target)) {
            raw.start();
            RawAmqpConnection.Tune tune = raw.startOk("AMQPLAIN", Amqplain.response("guest", "guest"));
            raw.tuneOkAndOpen(tune.channelMax(), tune.frameMax(), 0);
            raw.openChannel(1);
        }
    }

    @Test
    void tuneProposesUsableLimits() throws Exception {
        try (RawAmqpConnection raw = RawAmqpConnection.open(target)) {
            raw.start();
            RawAmqpConnection.Tune tune = raw.startOk("PLAIN", RawAmqpConnection.plain("guest", "guest"));
            assertThat(tune.channelMax()).as("channel-max (RabbitMQ: 2047)").isGreaterThan(0);
            assertThat(tune.frameMax()).as("frame-max (RabbitMQ: 131072)").isGreaterThanOrEqualTo(4096);
            assertThat(tune.heartbeat()).as("heartbeat (RabbitMQ: 60)").isGreaterThan(0);
        }
    }

    @Test
    void tuneOkOutsideTheNegotiableRangeIsRefused() throws Exception {
        // RabbitMQ refuses silently (socket closed after a 3 s delay), so the cases run in parallel
        CompletableFuture<Void> frameMaxTooSmall = CompletableFuture.runAsync(() -> refusedTuneOk(0, 1024));
        CompletableFuture<Void> frameMaxAboveServer = CompletableFuture.runAsync(() -> refusedTuneOk(0, -1));
        CompletableFuture<Void> channelMaxAboveServer = CompletableFuture.runAsync(() -> refusedTuneOk(-1, 0));
        CompletableFuture.allOf(frameMaxTooSmall, frameMaxAboveServer, channelMaxAboveServer).get(30, TimeUnit.SECONDS);
        bystander.assertStillServed();
    }

    /** Sends a tune-ok with a bad value (-1: one above the server's proposal) and expects no open-ok. */
    private void refusedTuneOk(int channelMaxDelta, long frameMax) {
        try (RawAmqpConnection raw = RawAmqpConnection.open(target)) {
            raw.start();
            RawAmqpConnection.Tune tune = raw.startOk("PLAIN", RawAmqpConnection.plain("guest", "guest"));
            int channelMax = channelMaxDelta < 0 ? tune.channelMax() + 1 : tune.channelMax();
            long sentFrameMax = frameMax < 0 ? tune.frameMax() + 1 : frameMax == 0 ? tune.frameMax() : frameMax;
            raw.sendMethod(0, MethodArguments.method(10, 31).shortInt(channelMax).longInt(sentFrameMax).shortInt(0));
            raw.sendMethod(0, MethodArguments.method(10, 40).shortString("/").shortString("").bits(false));
            assertNoOpenOk(raw);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Whatever the broker sends (a connection.close at most), it must never be open-ok. */
    private static void assertNoOpenOk(RawAmqpConnection raw) throws IOException {
        try {
            for (Frame frame = raw.readFrame(); ; frame = raw.readFrame()) {
                assertThat(frame.isMethod(10, 41)).as("connection.open-ok after a refused tune-ok").isFalse();
                if (frame.isMethod(10, 50)) {
                    raw.sendMethod(0, MethodArguments.method(10, 51));
                }
            }
        } catch (java.io.EOFException | java.net.SocketException closed) {
            // the broker closed the socket: the expected outcome
        }
    }

    @Test
    void openingMoreChannelsThanNegotiatedIsNotAllowed() throws Exception {
        try (RawAmqpConnection raw = RawAmqpConnection.open(target)) {
            RawAmqpConnection.Tune tune = raw.handshake(proposal -> new RawAmqpConnection.Tune(2, proposal.frameMax(), 0));
            assertThat(tune.channelMax()).isGreaterThanOrEqualTo(2);
            raw.openChannel(1);
            raw.openChannel(2);
            raw.sendMethod(3, MethodArguments.method(20, 10).shortString(""));
            RawAmqpConnection.Close close = raw.awaitConnectionClose();
            assertThat(close.replyCode()).isEqualTo(530);
            assertThat(close.replyText()).startsWith("NOT_ALLOWED - ");
        }
        bystander.assertStillServed();
    }

    @Test
    void aFrameOfExactlyFrameMaxIsAccepted() throws Exception {
        try (RawAmqpConnection raw = RawAmqpConnection.open(target)) {
            raw.handshake(proposal -> new RawAmqpConnection.Tune(proposal.channelMax(), 4096, 0));
            raw.openChannel(1);
            raw.sendMethod(1, MethodArguments.method(50, 10).shortInt(0).shortString("").bits(false, false, true, true, false).emptyTable());
            String queue = raw.expectMethod(50, 11).arguments().shortString();
            byte[] body = new byte[4096 - 8]; // frame-max counts the 7-byte header and the frame-end octet
            Arrays.fill(body, (byte) 0x5A);
            raw.publish(1, queue, body);
            raw.sendMethod(1, MethodArguments.method(60, 70).shortInt(0).shortString(queue).bits(true));
            raw.expectMethod(60, 71);
            assertThat(raw.readFrame().type()).isEqualTo(Frame.HEADER);
            Frame bodyFrame = raw.readFrame();
            assertThat(bodyFrame.type()).isEqualTo(Frame.BODY);
            assertThat(bodyFrame.payload()).isEqualTo(body);
        }
    }

    @Test
    void serverSendsHeartbeatsAndDropsASilentClient() throws Exception {
        try (RawAmqpConnection raw = RawAmqpConnection.open(target)) {
            raw.handshake(proposal -> new RawAmqpConnection.Tune(proposal.channelMax(), proposal.frameMax(), 1));
            long start = System.nanoTime();
            int heartbeats = 0;
            try {
                for (Frame frame = raw.readFrame(); ; frame = raw.readFrame()) {
                    assertThat(frame.type()).as("only heartbeats on an idle connection").isEqualTo(Frame.HEARTBEAT);
                    assertThat(frame.channel()).isZero();
                    heartbeats++;
                }
            } catch (java.io.EOFException | java.net.SocketException dropped) {
                // the broker gave up on us: expected
            }
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(heartbeats).as("heartbeats sent before the drop").isGreaterThanOrEqualTo(1);
            // two missed 1 s intervals: never before ~2 s, and not much later (RabbitMQ: ~3 s)
            assertThat(elapsedMillis).isBetween(1_900L, 8_000L);
        }
        bystander.assertStillServed();
    }

    @Test
    void connectionCloseIsAnsweredWithCloseOk() throws Exception {
        try (RawAmqpConnection raw = RawAmqpConnection.open(target)) {
            raw.handshake();
            raw.openChannel(1);
            raw.sendMethod(0, MethodArguments.method(10, 50).shortInt(200).shortString("bye").shortInt(0).shortInt(0));
            raw.expectMethod(10, 51);
        }
    }
}
