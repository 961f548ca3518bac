package dev.revenant.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Records every frame FrameParser delivers, checking as it goes that the payload is exactly the
 * declared bytes of a frame that ends, frame-end marker included, inside the parsed buffer.
 */
final class RecordingFrameListener implements FrameParser.FrameListener {
    record Frame(int type, int channel, String payloadHex) {
    }

    final List<Frame> frames = new ArrayList<>();
    private final ByteBuf source;
    private int acceptLimit = Integer.MAX_VALUE;

    /** @param source the buffer being parsed, whose reader index sits just past each delivered frame */
    RecordingFrameListener(ByteBuf source) {
        this.source = source;
    }

    RecordingFrameListener acceptingOnly(int frameCount) {
        this.acceptLimit = frameCount;
        return this;
    }

    @Override
    public void methodFrame(int channel, ByteBuf payload) {
        record(AmqpSpec.FRAME_METHOD, channel, payload);
    }

    @Override
    public void headerFrame(int channel, ByteBuf payload) {
        record(AmqpSpec.FRAME_HEADER, channel, payload);
    }

    @Override
    public void bodyFrame(int channel, ByteBuf payload) {
        record(AmqpSpec.FRAME_BODY, channel, payload);
    }

    @Override
    public void heartbeatFrame(int channel) {
        int end = source.readerIndex();
        assertThat(source.getUnsignedByte(end - 1)).isEqualTo((short) AmqpSpec.FRAME_END);
        assertThat(source.getUnsignedInt(end - 5)).as("heartbeat payload size").isZero();
        assertThat(channel).as("heartbeat channel").isZero();
        frames.add(new Frame(AmqpSpec.FRAME_HEARTBEAT, channel, ""));
    }

    @Override
    public boolean acceptingFrames() {
        return frames.size() < acceptLimit;
    }

    private void record(int type, int channel, ByteBuf payload) {
        int end = source.readerIndex();
        int size = payload.readableBytes();
        assertThat(end).as("frame end within the buffer").isLessThanOrEqualTo(source.writerIndex());
        assertThat(source.getUnsignedByte(end - 1)).as("frame-end marker").isEqualTo((short) AmqpSpec.FRAME_END);
        assertThat(source.getUnsignedInt(end - 5 - size)).as("declared size").isEqualTo(size);
        assertThat(source.getUnsignedByte(end - 8 - size)).as("frame type").isEqualTo((short) type);
        assertThat(payload.capacity()).as("payload cannot reach past its frame").isEqualTo(size);
        assertThat(ByteBufUtil.equals(payload, payload.readerIndex(), source, end - 1 - size, size)).as("payload bytes").isTrue();
        frames.add(new Frame(type, channel, ByteBufUtil.hexDump(payload)));
    }
}
