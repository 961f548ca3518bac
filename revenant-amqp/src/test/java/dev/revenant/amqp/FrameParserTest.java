package dev.revenant.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** FrameParser on hand-built streams: dispatch, incomplete frames, and each way a frame can be malformed. */
class FrameParserTest {
    private static final int MAX = 4096;

    @Test
    void eachFrameTypeReachesItsCallbackWithItsChannelAndPayload() {
        ByteBuf in = bytes("01" + "0001" + "00000002" + "abcd" + "ce"
                + "02" + "0002" + "00000001" + "ef" + "ce"
                + "03" + "ffff" + "00000000" + "ce"
                + "08" + "0000" + "00000000" + "ce");
        RecordingFrameListener listener = new RecordingFrameListener(in);
        FrameParser.parse(in, MAX, listener);
        assertThat(listener.frames).containsExactly(
                new RecordingFrameListener.Frame(1, 1, "abcd"),
                new RecordingFrameListener.Frame(2, 2, "ef"),
                new RecordingFrameListener.Frame(3, 65535, ""),
                new RecordingFrameListener.Frame(8, 0, ""));
        assertThat(in.isReadable()).isFalse();
    }

    @Test
    void everyIncompletePrefixOfAFrameIsLeftUnread() {
        byte[] frame = HexFormat.of().parseHex("03" + "0001" + "00000003" + "010203" + "ce");
        for (int length = 0; length < frame.length; length++) {
            ByteBuf in = Unpooled.buffer().writeBytes(frame, 0, length);
            RecordingFrameListener listener = new RecordingFrameListener(in);
            FrameParser.parse(in, MAX, listener);
            assertThat(listener.frames).as("prefix of %d bytes", length).isEmpty();
            assertThat(in.readerIndex()).isZero();
        }
    }

    @Test
    void completeFramesBeforeAnIncompleteOneAreDeliveredAndTheRestWaits() {
        ByteBuf in = bytes("08" + "0000" + "00000000" + "ce" + "01" + "0000" + "00000004" + "000a");
        RecordingFrameListener listener = new RecordingFrameListener(in);
        FrameParser.parse(in, MAX, listener);
        assertThat(listener.frames).hasSize(1);
        assertThat(in.readerIndex()).isEqualTo(8);
    }

    @Test
    void aFrameOfExactlyTheMaximumIsAcceptedAndOneByteMoreIsRefusedFromItsHeadAlone() {
        ByteBuf exact = Unpooled.buffer().writeByte(3).writeShort(1).writeInt(MAX - 8).writeZero(MAX - 8).writeByte(0xce);
        RecordingFrameListener listener = new RecordingFrameListener(exact);
        FrameParser.parse(exact, MAX, listener);
        assertThat(listener.frames).hasSize(1);

        // only the 7-byte head has arrived: refused at once, nothing consumed, nothing delivered
        ByteBuf oversized = Unpooled.buffer().writeByte(3).writeShort(1).writeInt(MAX - 7);
        RecordingFrameListener never = new RecordingFrameListener(oversized);
        assertThatThrownBy(() -> FrameParser.parse(oversized, MAX, never))
                .isInstanceOf(FrameFormatException.class).hasMessageContaining("larger than negotiated maximum");
        assertThat(oversized.readerIndex()).isZero();
        assertThat(never.frames).isEmpty();
    }

    @Test
    void aSizeFieldNearFourGigabytesDoesNotOverflow() {
        ByteBuf in = bytes("03" + "0001" + "fffffff8" + "00");
        assertThatThrownBy(() -> FrameParser.parse(in, Integer.MAX_VALUE, new RecordingFrameListener(in)))
                .isInstanceOf(FrameFormatException.class).hasMessageContaining("larger than negotiated maximum");
    }

    @Test
    void aWrongFrameEndIsRefusedAfterEarlierFramesWereDelivered() {
        ByteBuf in = bytes("08" + "0000" + "00000000" + "ce" + "03" + "0001" + "00000001" + "ff" + "cd");
        RecordingFrameListener listener = new RecordingFrameListener(in);
        assertThatThrownBy(() -> FrameParser.parse(in, MAX, listener))
                .isInstanceOf(FrameFormatException.class)
                .hasMessageContaining("frame end marker was 205")
                .satisfies(e -> assertThat(((FrameFormatException) e).replyCode()).isEqualTo(AmqpSpec.FRAME_ERROR));
        assertThat(listener.frames).hasSize(1);
    }

    @Test
    void anUnknownFrameTypeIsRefusedFromItsHeadAlone() {
        ByteBuf in = bytes("04" + "0001" + "00000010");
        assertThatThrownBy(() -> FrameParser.parse(in, MAX, new RecordingFrameListener(in)))
                .isInstanceOf(FrameFormatException.class).hasMessageContaining("unknown frame type 4");
    }

    @Test
    void aHeartbeatOnAChannelIsAnUnexpectedFrameAsInRabbitMq() {
        ByteBuf in = bytes("08" + "0001" + "00000000" + "ce");
        assertThatThrownBy(() -> FrameParser.parse(in, MAX, new RecordingFrameListener(in)))
                .isInstanceOf(FrameFormatException.class).hasMessageContaining("heartbeat frame on channel 1")
                .satisfies(e -> assertThat(((FrameFormatException) e).replyCode()).isEqualTo(AmqpSpec.UNEXPECTED_FRAME));
    }

    @Test
    void aHeartbeatWithAPayloadIsAFrameErrorAsInRabbitMq() {
        ByteBuf in = bytes("08" + "0000" + "00000002" + "7879" + "ce");
        assertThatThrownBy(() -> FrameParser.parse(in, MAX, new RecordingFrameListener(in)))
                .isInstanceOf(FrameFormatException.class).hasMessageContaining("heartbeat frame with a 2-byte payload")
                .satisfies(e -> assertThat(((FrameFormatException) e).replyCode()).isEqualTo(AmqpSpec.FRAME_ERROR));
    }

    @Test
    void parsingStopsAsSoonAsTheListenerStopsAccepting() {
        ByteBuf in = bytes(("08" + "0000" + "00000000" + "ce").repeat(3));
        RecordingFrameListener listener = new RecordingFrameListener(in).acceptingOnly(2);
        FrameParser.parse(in, MAX, listener);
        assertThat(listener.frames).hasSize(2);
        assertThat(in.readableBytes()).isEqualTo(8);
    }

    private static ByteBuf bytes(String hex) {
        return Unpooled.buffer().writeBytes(HexFormat.of().parseHex(hex));
    }
}
