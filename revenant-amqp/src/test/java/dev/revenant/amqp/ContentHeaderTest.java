package dev.revenant.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** The fixed part of a content header, and the frame Frames.contentHeader writes around it. */
class ContentHeaderTest {

    @Test
    void readsClassBodySizeAndLeavesThePropertiesAsBytes() {
        ContentHeader header = ContentHeader.read(FieldCodecTest.bytes("003c" + "0000" + "7fffffffffffffff" + "8000" + "0161"));
        assertThat(header.classId()).isEqualTo(60);
        assertThat(header.bodySize()).isEqualTo(Long.MAX_VALUE);
        assertThat(ByteBufUtil.hexDump(header.encodedProperties())).isEqualTo("80000161");
    }

    @Test
    void frameWrittenByFramesParsesBackToTheSameHeader() {
        ByteBuf properties = FieldCodecTest.bytes("8000" + "0161");
        ByteBuf out = Unpooled.buffer();
        Frames.contentHeader(out, 3, 60, 10, properties);
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo("02" + "0003" + "00000010" + "003c" + "0000" + "000000000000000a" + "80000161" + "ce");
        assertThat(properties.readableBytes()).as("properties left unread").isEqualTo(4);
    }

    @Test
    void shortOrNegativeHeadersRaiseFrameFormatException() {
        assertThatThrownBy(() -> ContentHeader.read(FieldCodecTest.bytes("003c0000000000000000000a")))
                .isInstanceOf(FrameFormatException.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> ContentHeader.read(FieldCodecTest.bytes("003c0000" + "8000000000000000" + "0000")))
                .isInstanceOf(FrameFormatException.class).hasMessageContaining("negative");
    }
}
