package dev.revenant.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hand-built field values decode to the contract's Java types; malformed ones raise FrameFormatException 501. */
class FieldCodecTest {

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource({
        "7401, Boolean, true",
        "7400, Boolean, false",
        "62ff, Byte, -1",
        "42ff, Short, 255",
        "738000, Short, -32768",
        "75ffff, Integer, 65535",
        "4980000000, Integer, -2147483648",
        "69ffffffff, Long, 4294967295",
        "6c8000000000000000, Long, -9223372036854775808",
        "663fc00000, Float, 1.5",
        "64bff8000000000000, Double, -1.5",
        "4402fffffc18, BigDecimal, -10.00",
        "5300000003c3a978, String, éx",
        "540000000065920080, Instant, 2024-01-01T00:00:00Z",
    })
    void scalarTagsDecodeToTheirContractTypes(String hex, String javaType, String expected) {
        Object value = FieldCodec.readFieldValue(bytes(hex));
        assertThat(value.getClass().getSimpleName()).isEqualTo(javaType);
        assertThat(value).hasToString(expected);
    }

    @Test
    void containersVoidAndBytesDecodeToTheirContractTypes() {
        assertThat(FieldCodec.readFieldValue(bytes("56"))).isNull();
        assertThat((byte[]) FieldCodec.readFieldValue(bytes("7800000002cafe"))).containsExactly((byte) 0xca, (byte) 0xfe);
        assertThat(FieldCodec.readFieldValue(bytes("410000000749000000017400"))).isEqualTo(List.of(1, false));
        Object table = FieldCodec.readFieldValue(bytes("46" + "0000000b" + "0162" + "7401" + "0161" + "4900000002"));
        assertThat(table).isInstanceOf(LinkedHashMap.class).isEqualTo(Map.of("b", true, "a", 2));
        assertThat(new java.util.ArrayList<Object>(((Map<?, ?>) table).keySet())).as("wire order kept").containsExactly("b", "a");
    }

    @Test
    void timestampsAcrossInstantsWholeRangeRoundTrip() {
        for (Instant t : List.of(Instant.MIN, Instant.MAX.minusNanos(999_999_999), Instant.EPOCH, Instant.ofEpochSecond(-1))) {
            ByteBuf out = Unpooled.buffer();
            FieldCodec.writeFieldValue(out, t);
            assertThat(FieldCodec.readFieldValue(out)).isEqualTo(t);
        }
    }

    @Test
    void emptyTableIsAnEmptyMutableMap() {
        Map<String, Object> table = FieldCodec.readTable(bytes("00000000"));
        assertThat(table).isEmpty();
        table.put("added", 1);
        assertThat(table).containsEntry("added", 1);
    }

    @Test
    void eachJavaTypeIsWrittenWithItsTag() {
        assertThat(written(true)).isEqualTo("7401");
        assertThat(written((byte) 1)).isEqualTo("6201");
        assertThat(written((short) 2)).isEqualTo("730002");
        assertThat(written(3)).isEqualTo("4900000003");
        assertThat(written(4L)).isEqualTo("6c0000000000000004");
        assertThat(written(1.5f)).isEqualTo("663fc00000");
        assertThat(written(-1.5)).isEqualTo("64bff8000000000000");
        assertThat(written(new BigDecimal("-10.00"))).isEqualTo("4402fffffc18");
        assertThat(written("éx")).isEqualTo("5300000003c3a978");
        assertThat(written(new byte[] {1})).isEqualTo("780000000101");
        assertThat(written(Instant.ofEpochSecond(16, 999_000_000))).isEqualTo("540000000000000010");
        assertThat(written(new Date(16_999))).as("Date truncated to seconds").isEqualTo("540000000000000010");
        assertThat(written(null)).isEqualTo("56");
        assertThat(written(List.of())).isEqualTo("4100000000");
        assertThat(written(Map.of())).isEqualTo("4600000000");
    }

    @Test
    void valuesWithoutAnAmqpTypeAreRefused() {
        ByteBuf out = Unpooled.buffer();
        assertThatThrownBy(() -> FieldCodec.writeFieldValue(out, new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldCodec.writeFieldValue(out, new BigDecimal("1E+3"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldCodec.writeFieldValue(out, BigDecimal.valueOf(1L << 31))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldCodec.writeFieldValue(out, new BigDecimal("1E-256"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldCodec.writeShortString(out, "x".repeat(256))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decimalsAtTheEdgesOfTheirRangeRoundTrip() {
        for (BigDecimal d : List.of(BigDecimal.valueOf(Integer.MIN_VALUE, 255), BigDecimal.valueOf(Integer.MAX_VALUE, 0), BigDecimal.ZERO)) {
            ByteBuf out = Unpooled.buffer();
            FieldCodec.writeFieldValue(out, d);
            assertThat(FieldCodec.readFieldValue(out)).isEqualTo(d);
        }
    }

    @Test
    void shortStringOf255BytesIsTheLongestAllowed() {
        ByteBuf out = Unpooled.buffer();
        FieldCodec.writeShortString(out, "é".repeat(127) + "x");
        assertThat(out.readableBytes()).isEqualTo(256);
        assertThat(FieldCodec.readShortString(out)).isEqualTo("é".repeat(127) + "x");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "00000009 0161 49 00000001, table length beyond the buffer",
        "00000003 0161 49 00000001, value overruns the table",
        "00000007 0161 5a 00000001, unknown tag",
        "00000006 0161 49 000000, truncated integer",
        "00000003 0161 6c, truncated long at the end of the buffer",
        "00000002 0561, key longer than the table",
        "00000001 05, key longer than the buffer",
        "0000000b 0161 54 4000000000000000, timestamp beyond Instant's range",
        "0000000b 0161 54 8000000000000000, timestamp before Instant's range",
        "00000008 0161 41 00000001 49, array value overruns the array",
        "00000009 0161 46 00000002 0162 74, nested table truncated",
        "0000000a 0161 53 00000010 6162 63, string longer than its table",
        "00000006 0161 78 ffffffff, byte array length beyond the buffer",
        "000000, table length truncated",
    })
    void malformedTablesRaiseFrameError(String hex, String why) {
        assertThatThrownBy(() -> FieldCodec.readTable(bytes(hex.replace(" ", ""))))
                .as(why)
                .isInstanceOf(FrameFormatException.class)
                .satisfies(e -> assertThat(((FrameFormatException) e).replyCode()).isEqualTo(AmqpSpec.FRAME_ERROR));
    }

    @Test
    void shortStringLongerThanTheBufferRaisesFrameError() {
        assertThatThrownBy(() -> FieldCodec.readShortString(bytes("05616263"))).isInstanceOf(FrameFormatException.class);
        assertThatThrownBy(() -> FieldCodec.readShortString(bytes(""))).isInstanceOf(FrameFormatException.class);
        assertThatThrownBy(() -> FieldCodec.readLongBytes(bytes("000000"))).isInstanceOf(FrameFormatException.class);
        assertThatThrownBy(() -> FieldCodec.readFieldValue(bytes(""))).isInstanceOf(FrameFormatException.class);
    }

    @Test
    void nestingUpToTheLimitDecodesAndDeeperRaisesFrameErrorInsteadOfOverflowingTheStack() throws Exception {
        assertThat(depthOf(FieldCodec.readFieldValue(nestedArrays(FieldCodec.MAX_NESTING_DEPTH)))).isEqualTo(FieldCodec.MAX_NESTING_DEPTH);
        assertThatThrownBy(() -> FieldCodec.readFieldValue(nestedArrays(FieldCodec.MAX_NESTING_DEPTH + 1)))
                .isInstanceOf(FrameFormatException.class).hasMessageContaining("nest");
        // the deepest nesting a 128 KiB frame can hold, on a thread with a small stack
        ByteBuf deepest = nestedArrays(131072 / 5);
        assertThat(onSmallStack(() -> FieldCodec.readFieldValue(deepest))).isInstanceOf(FrameFormatException.class);
    }

    @Test
    void tableNestedAtTheLimitEncodesAndDecodesOnASmallStack() throws Exception {
        Object value = "leaf";
        for (int i = 0; i < FieldCodec.MAX_NESTING_DEPTH; i++) {
            value = i % 2 == 0 ? List.of(value) : Map.of("k", value);
        }
        Object nested = value;
        Object[] decoded = new Object[1];
        Throwable thrown = onSmallStack(() -> {
            ByteBuf out = Unpooled.buffer();
            FieldCodec.writeFieldValue(out, nested);
            decoded[0] = FieldCodec.readFieldValue(out);
        });
        assertThat(thrown).isNull();
        // compared without assertThat(decoded).isEqualTo(nested): describing a 256-deep mismatch takes AssertJ ages
        assertThat(nested.equals(decoded[0])).as("decoded equals encoded").isTrue();
    }

    /** Runs {@code task} on a thread with half the usual 1 MiB stack; returns what it threw, if anything. */
    private static Throwable onSmallStack(Runnable task) throws InterruptedException {
        Throwable[] thrown = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try {
                task.run();
            } catch (Throwable t) {
                thrown[0] = t;
            }
        }, "small-stack", 512 * 1024);
        thread.start();
        thread.join();
        return thrown[0];
    }

    private static ByteBuf nestedArrays(int depth) {
        byte[] value = {'V'};
        ByteBuf out = Unpooled.buffer();
        out.writeBytes(value);
        for (int i = 0; i < depth; i++) {
            ByteBuf outer = Unpooled.buffer(out.readableBytes() + 5);
            outer.writeByte('A').writeInt(out.readableBytes()).writeBytes(out);
            out = outer;
        }
        return out;
    }

    private static int depthOf(Object value) {
        int depth = 0;
        while (value instanceof List<?> list) {
            value = list.get(0);
            depth++;
        }
        return depth;
    }

    private static String written(Object value) {
        ByteBuf out = Unpooled.buffer();
        FieldCodec.writeFieldValue(out, value);
        return ByteBufUtil.hexDump(out);
    }

    static ByteBuf bytes(String hex) {
        return Unpooled.wrappedBuffer(HexFormat.of().parseHex(hex));
    }
}
