package dev.revenant.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every method payload cut short anywhere raises FrameFormatException 501, never IndexOutOfBounds, and calls no handler. */
class MethodDecoderTest {

    @TestFactory
    Stream<DynamicTest> everyProperPrefixOfEveryMethodIsRefused() {
        return SpecModel.load().methods().stream().map(method -> DynamicTest.dynamicTest(method.dotted(), () -> {
            for (boolean largest : new boolean[] {false, true}) {
                ByteBuf frame = MethodCodecHarness.encode(method, 1, MethodRoundTripTest.arguments(method, largest, 0));
                ByteBuf payload = frame.slice(7, frame.readableBytes() - 8);
                for (int length = 0; length < payload.readableBytes(); length++) {
                    assertRefused(payload.slice(0, length), method.dotted() + " cut to " + length + " bytes");
                }
            }
        }));
    }

    @Test
    void truncationIsReportedAsAFrameErrorNamingTheMethod() {
        assertThatThrownBy(() -> MethodDecoder.decode(1, FieldCodecTest.bytes("003c0050" + "00000000"), MethodCodecHarness.recorder(new ArrayList<>())))
                .isInstanceOf(FrameFormatException.class)
                .hasMessageContaining("basic.ack")
                .satisfies(e -> assertThat(((FrameFormatException) e).replyCode()).isEqualTo(AmqpSpec.FRAME_ERROR));
    }

    @Test
    void anIndexOutOfBoundsExceptionFromTheHandlerIsNotMistakenForATruncatedFrame() {
        IndexOutOfBoundsException handlerBug = new IndexOutOfBoundsException("bug in the handler");
        MethodHandler handler = new MethodHandler() {
            @Override
            public void unexpectedMethod(int channel, int classId, int methodId) {
            }

            @Override
            public void basicAck(int channel, long deliveryTag, boolean multiple) {
                throw handlerBug;
            }
        };
        ByteBuf ack = Unpooled.buffer();
        MethodEncoder.basicAck(ack, 1, 5, false);
        assertThatThrownBy(() -> MethodDecoder.decode(1, ack.skipBytes(7), handler)).isSameAs(handlerBug);
    }

    static void assertRefused(ByteBuf payload, String what) {
        List<MethodCodecHarness.Call> calls = new ArrayList<>();
        assertThatThrownBy(() -> MethodDecoder.decode(1, payload, MethodCodecHarness.recorder(calls)))
                .as(what)
                .isInstanceOf(FrameFormatException.class)
                .satisfies(e -> assertThat(((FrameFormatException) e).replyCode()).isEqualTo(AmqpSpec.FRAME_ERROR));
        assertThat(calls).as(what).isEmpty();
    }
}
