package dev.revenant.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * FrameParser fed like a socket feeds it: valid streams in arbitrary chunks come out whole and in
 * order; garbage raises only FrameFormatException, in bounded work, never yielding an out-of-frame payload.
 */
class FrameParserProperties {
    private static final int MAX = 512;

    @Property(tries = 500)
    void framesSplitIntoAnyChunksComeOutWholeAndInOrder(@ForAll("frameLists") List<RecordingFrameListener.Frame> frames,
            @ForAll @Size(min = 1, max = 50) List<@IntRange(min = 1, max = 40) Integer> chunkSizes) {
        byte[] stream = serialize(frames);
        ByteBuf cumulation = Unpooled.buffer();
        RecordingFrameListener listener = new RecordingFrameListener(cumulation);
        int offset = 0;
        int chunk = 0;
        while (offset < stream.length) {
            int length = Math.min(chunkSizes.get(chunk++ % chunkSizes.size()), stream.length - offset);
            cumulation.writeBytes(stream, offset, length);
            offset += length;
            int before = listener.frames.size();
            FrameParser.parse(cumulation, MAX, listener);
            // a chunk completes at most the pending frame plus the (8-byte minimum) frames wholly inside it
            assertThat(listener.frames.size() - before).isLessThanOrEqualTo(length / 8 + 1);
            cumulation.discardReadBytes();
        }
        assertThat(listener.frames).containsExactlyElementsOf(frames);
        assertThat(cumulation.isReadable()).isFalse();
    }

    @Property(tries = 300)
    void anIncompleteTailLeavesTheReaderIndexAtItsStart(@ForAll("frameLists") List<RecordingFrameListener.Frame> frames,
            @ForAll("frames") RecordingFrameListener.Frame last, @ForAll @IntRange(min = 1, max = 1000) int cut) {
        byte[] complete = serialize(frames);
        byte[] tail = serialize(List.of(last));
        ByteBuf in = Unpooled.buffer().writeBytes(complete).writeBytes(tail, 0, 1 + cut % (tail.length - 1));
        RecordingFrameListener listener = new RecordingFrameListener(in);
        FrameParser.parse(in, MAX, listener);
        assertThat(listener.frames).containsExactlyElementsOf(frames);
        assertThat(in.readerIndex()).isEqualTo(complete.length);
    }

    @Property(tries = 3000)
    void garbageRaisesOnlyFrameFormatExceptionAndEveryDeliveredPayloadLiesInsideItsFrame(
            @ForAll @Size(max = 200) byte[] garbage, @ForAll @IntRange(min = 8, max = 300) int maxFrameSize) {
        assertOnlyFrameFormatExceptions(Unpooled.wrappedBuffer(garbage), maxFrameSize);
    }

    @Property(tries = 1000)
    void corruptedStreamsRaiseOnlyFrameFormatException(@ForAll("frameLists") List<RecordingFrameListener.Frame> frames,
            @ForAll @Size(max = 4) List<@IntRange(min = 0, max = 10_000) Integer> positions, @ForAll @Size(4) List<Byte> values) {
        byte[] stream = serialize(frames);
        for (int i = 0; i < positions.size() && stream.length > 0; i++) {
            stream[positions.get(i) % stream.length] = values.get(i);
        }
        assertOnlyFrameFormatExceptions(Unpooled.wrappedBuffer(stream), MAX);
    }

    private static void assertOnlyFrameFormatExceptions(ByteBuf in, int maxFrameSize) {
        int length = in.readableBytes();
        RecordingFrameListener listener = new RecordingFrameListener(in);
        Throwable thrown = catchThrowable(() -> FrameParser.parse(in, maxFrameSize, listener));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(FrameFormatException.class);
        } else {
            assertThat(in.readableBytes()).as("what is left is an incomplete frame").isLessThan(Math.max(maxFrameSize, 8));
        }
        assertThat(listener.frames.size()).isLessThanOrEqualTo(length / 8);
    }

    static byte[] serialize(List<RecordingFrameListener.Frame> frames) {
        ByteBuf out = Unpooled.buffer();
        for (RecordingFrameListener.Frame frame : frames) {
            byte[] payload = io.netty.buffer.ByteBufUtil.decodeHexDump(frame.payloadHex());
            int start = Frames.beginFrame(out, frame.type(), frame.channel());
            out.writeBytes(payload);
            Frames.endFrame(out, start);
        }
        return ByteBufUtil.getBytes(out);
    }

    @Provide
    Arbitrary<RecordingFrameListener.Frame> frames() {
        Arbitrary<RecordingFrameListener.Frame> heartbeat = Arbitraries.just(new RecordingFrameListener.Frame(AmqpSpec.FRAME_HEARTBEAT, 0, ""));
        Arbitrary<RecordingFrameListener.Frame> content = Combinators.combine(
                Arbitraries.of(AmqpSpec.FRAME_METHOD, AmqpSpec.FRAME_HEADER, AmqpSpec.FRAME_BODY),
                Arbitraries.integers().between(0, 65535),
                FieldValues.byteArrays(MAX - 8).map(ByteBufUtil::hexDump))
                .as(RecordingFrameListener.Frame::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, heartbeat), net.jqwik.api.Tuple.of(6, content));
    }

    @Provide
    Arbitrary<List<RecordingFrameListener.Frame>> frameLists() {
        return frames().list().ofMaxSize(12).map(ArrayList::new);
    }
}
