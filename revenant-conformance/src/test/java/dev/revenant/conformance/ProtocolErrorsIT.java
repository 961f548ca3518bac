package dev.revenant.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Protocol violations only a hand-built frame can commit. Each one costs the offender its
 * connection (a connection.close with RabbitMQ's reply code) and nothing else: the bystander
 * connected beforehand is still served afterwards.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.revenant.testkit.BrokerTargets#all")
class ProtocolErrorsIT extends ConformanceBase {
    private static final int FRAME_ERROR = 501;
    private static final int CHANNEL_ERROR = 504;
    private static final int UNEXPECTED_FRAME = 505;
    private static final int NOT_ALLOWED = 530;

    private Bystander bystander;
    private RawAmqpConnection raw;

    @BeforeEach
    void openRawConnection() throws Exception {
        bystander = Bystander.connect(target);
        raw = RawAmqpConnection.open(target);
    }

    @AfterEach
    void disconnect() throws Exception {
        raw.close();
        bystander.close();
    }

    private void assertConnectionClosedWith(int code, String name) throws Exception {
        RawAmqpConnection.Close close = raw.awaitConnectionClose();
        assertThat(close.replyCode()).as("reply code of %s", close).isEqualTo(code);
        assertThat(close.replyText()).startsWith(name + " - ");
        bystander.assertStillServed();
    }

    private static MethodArguments queueDeclare(String name) {
        return MethodArguments.method(50, 10).shortInt(0).shortString(name).bits(false, false, true, true, false).emptyTable();
    }

    private static MethodArguments basicPublish(String routingKey) {
        return MethodArguments.method(60, 40).shortInt(0).shortString("").shortString(routingKey).bits(false, false);
    }

    private static MethodArguments channelClose() {
        return MethodArguments.method(20, 40).shortInt(200).shortString("bye").shortInt(0).shortInt(0);
    }

    @Test
    void methodOnAChannelNeverOpenedIsAChannelError() throws Exception {
        raw.handshake();
        raw.sendMethod(5, queueDeclare(""));
        RawAmqpConnection.Close close = raw.awaitConnectionClose();
        assertThat(close.replyCode()).isEqualTo(CHANNEL_ERROR);
        assertThat(close.classId() + "." + close.methodId()).as("offending method").isEqualTo("50.10");
        bystander.assertStillServed();
    }

    @Test
    void methodOnAClosedChannelIsAChannelError() throws Exception {
        raw.handshake();
        raw.openChannel(1);
        raw.sendMethod(1, channelClose());
        raw.expectMethod(20, 41);
        raw.sendMethod(1, queueDeclare(""));
        assertConnectionClosedWith(CHANNEL_ERROR, "CHANNEL_ERROR");
    }

    @Test
    void openingAnOpenChannelAgainIsAChannelError() throws Exception {
        raw.handshake();
        raw.openChannel(1);
        raw.sendMethod(1, MethodArguments.method(20, 10).shortString(""));
        assertConnectionClosedWith(CHANNEL_ERROR, "CHANNEL_ERROR");
    }

    @Test
    void channelMethodOnChannelZeroIsAChannelError() throws Exception {
        raw.handshake();
        raw.sendMethod(0, queueDeclare(""));
        assertConnectionClosedWith(CHANNEL_ERROR, "CHANNEL_ERROR");
    }

    @Test
    void contentHeaderWithoutAMethodIsUnexpected() throws Exception {
        raw.handshake();
        raw.openChannel(1);
        raw.sendContentHeader(1, 60, 3, new byte[] {0, 0});
        assertConnectionClosedWith(UNEXPECTED_FRAME, "UNEXPECTED_FRAME");
    }

    @Test
    void bodyWithoutAHeaderIsUnexpected() throws Exception {
        raw.handshake();
        raw.openChannel(1);
        raw.sendFrame(Frame.BODY, 1, new byte[] {1, 2, 3});
        assertConnectionClosedWith(UNEXPECTED_FRAME, "UNEXPECTED_FRAME");
    }

    @Test
    void methodWhereAContentHeaderIsDueIsUnexpected() throws Exception {
        raw.handshake();
        raw.openChannel(1);
        raw.sendMethod(1, basicPublish("x"));
        raw.sendMethod(1, channelClose());
        assertConnectionClosedWith(UNEXPECTED_FRAME, "UNEXPECTED_FRAME");
    }

    @Test
    void contentAfterANonContentMethodIsUnexpected() throws Exception {
        raw.handshake();
        raw.openChannel(1);
        raw.sendMethod(1, queueDeclare(""));
        raw.expectMethod(50, 11);
        raw.sendContentHeader(1, 50, 3, new byte[] {0, 0});
        assertConnectionClosedWith(UNEXPECTED_FRAME, "UNEXPECTED_FRAME");
    }

    @Test
    void contentHeaderOfAnotherClassIsUnexpected() throws Exception {
        raw.handshake();
        raw.openChannel(1);
        raw.sendMethod(1, basicPublish("x"));
        raw.sendContentHeader(1, 50, 3, new byte[] {0, 0});
        assertConnectionClosedWith(UNEXPECTED_FRAME, "UNEXPECTED_FRAME");
    }

    @Test
    void bodyLargerThanDeclaredIsUnexpected() throws Exception {
        raw.handshake();
        raw.openChannel(1);
        raw.sendMethod(1, basicPublish("x"));
        raw.sendContentHeader(1, 60, 3, new byte[] {0, 0});
        raw.sendFrame(Frame.BODY, 1, new byte[10]);
        // RabbitMQ notices the overrun only at the next frame on the channel, which is not a body
        raw.sendMethod(1, channelClose());
        assertConnectionClosedWith(UNEXPECTED_FRAME, "UNEXPECTED_FRAME");
    }

    @Test
    void bodyLargerThanDeclaredIsRefusedAtOnce() throws Exception {
        assumeTrue(target.isRevenant(), "RabbitMQ 3.10 waits for the next frame before noticing the overrun");
        raw.handshake();
        raw.openChannel(1);
        raw.sendMethod(1, basicPublish("x"));
        raw.sendContentHeader(1, 60, 3, new byte[] {0, 0});
        raw.sendFrame(Frame.BODY, 1, new byte[10]);
        assertConnectionClosedWith(UNEXPECTED_FRAME, "UNEXPECTED_FRAME");
    }

    @Test
    void frameOverFrameMaxIsAFrameError() throws Exception {
        raw.handshake(proposal -> new RawAmqpConnection.Tune(proposal.channelMax(), 4096, 0));
        raw.openChannel(1);
        raw.sendMethod(1, basicPublish("x"));
        raw.sendContentHeader(1, 60, 10_000, new byte[] {0, 0});
        raw.sendFrame(Frame.BODY, 1, new byte[10_000]);
        assertConnectionClosedWith(FRAME_ERROR, "FRAME_ERROR");
    }

    @Test
    void wrongFrameEndOctetIsAFrameError() throws Exception {
        raw.handshake();
        raw.sendFrame(Frame.METHOD, 1, MethodArguments.method(20, 10).shortString("").bytes(), 0x00);
        assertConnectionClosedWith(FRAME_ERROR, "FRAME_ERROR");
    }

    @Test
    void unknownFrameTypeIsAFrameError() throws Exception {
        raw.handshake();
        raw.sendFrame(9, 0, new byte[] {1});
        assertConnectionClosedWith(FRAME_ERROR, "FRAME_ERROR");
    }

    @Test
    void truncatedMethodArgumentsAreAFrameError() throws Exception {
        raw.handshake();
        raw.openChannel(1);
        raw.sendMethod(1, MethodArguments.method(50, 10).shortInt(0));
        assertConnectionClosedWith(FRAME_ERROR, "FRAME_ERROR");
    }

    @Test
    void heartbeatOnAChannelOtherThanZeroIsUnexpected() throws Exception {
        raw.handshake();
        raw.openChannel(1);
        raw.sendFrame(Frame.HEARTBEAT, 1, new byte[0]);
        assertConnectionClosedWith(UNEXPECTED_FRAME, "UNEXPECTED_FRAME");
    }

    @Test
    void contentHeaderOnChannelZeroIsUnexpected() throws Exception {
        raw.handshake();
        raw.sendContentHeader(0, 60, 3, new byte[] {0, 0});
        assertConnectionClosedWith(UNEXPECTED_FRAME, "UNEXPECTED_FRAME");
    }

    @Test
    void reusingAConsumerTagOnTheChannelIsNotAllowed() throws Exception {
        raw.handshake();
        raw.openChannel(1);
        raw.sendMethod(1, queueDeclare(""));
        String queue = raw.expectMethod(50, 11).arguments().shortString();
        MethodArguments consume = MethodArguments.method(60, 20).shortInt(0).shortString(queue).shortString("dup-tag")
                .bits(false, true, false, false).emptyTable();
        raw.sendMethod(1, consume);
        assertThat(raw.expectMethod(60, 21).arguments().shortString()).isEqualTo("dup-tag");
        raw.sendMethod(1, consume);
        assertConnectionClosedWith(NOT_ALLOWED, "NOT_ALLOWED");
    }

    @Test
    void unknownMethodDropsOnlyThatConnection() throws Exception {
        raw.handshake();
        raw.openChannel(1);
        raw.sendMethod(1, MethodArguments.method(60, 999));
        // RabbitMQ 3.10 drops the socket without a connection.close; a close, if sent, must say why
        try {
            for (Frame frame = raw.readFrame(); ; frame = raw.readFrame()) {
                if (frame.isMethod(10, 50)) {
                    int code = frame.arguments().shortInt();
                    assertThat(code).as("reply code for an unknown method").isIn(503, 540);
                    raw.sendMethod(0, MethodArguments.method(10, 51));
                }
            }
        } catch (java.io.EOFException | java.net.SocketException closed) {
            // dropped: expected
        }
        bystander.assertStillServed();
    }

    @Test
    void framesAfterAChannelErrorAreDiscardedUntilCloseOk() throws Exception {
        raw.handshake();
        raw.openChannel(1);
        raw.sendMethod(1, MethodArguments.method(50, 10).shortInt(0).shortString(unique("missing"))
                .bits(true, false, false, false, false).emptyTable());
        // the client has not seen the channel.close yet and keeps publishing, as pipelined clients do
        raw.publish(1, "nowhere", new byte[] {1, 2, 3});
        raw.sendMethod(1, queueDeclare(""));
        RawAmqpConnection.Close close = raw.awaitChannelClose(1);
        assertThat(close.replyCode()).isEqualTo(404);
        assertThat(close.replyText()).startsWith("NOT_FOUND - ");
        raw.openChannel(1);
        raw.sendMethod(1, queueDeclare(""));
        raw.expectMethod(50, 11);
        bystander.assertStillServed();
    }
}
