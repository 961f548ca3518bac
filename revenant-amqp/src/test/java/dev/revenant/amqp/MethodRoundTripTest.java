package dev.revenant.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every spec method survives MethodEncoder -> FrameParser -> MethodDecoder with its arguments intact. */
class MethodRoundTripTest {
    private final SpecModel spec = SpecModel.load();

    @TestFactory
    Stream<DynamicTest> everyMethodRoundTripsWithExtremeArguments() {
        return spec.methods().stream().flatMap(method -> Stream.of(
                DynamicTest.dynamicTest(method.dotted() + " smallest", () -> assertRoundTrip(method, 0, arguments(method, false, 0))),
                DynamicTest.dynamicTest(method.dotted() + " largest", () -> assertRoundTrip(method, 65535, arguments(method, true, 0))),
                DynamicTest.dynamicTest(method.dotted() + " odd bits", () -> assertRoundTrip(method, 1, arguments(method, true, 1))),
                DynamicTest.dynamicTest(method.dotted() + " even bits", () -> assertRoundTrip(method, 2, arguments(method, false, 1)))));
    }

    @Test
    void everyCombinationOfQueueDeclareBitsIsPackedIntoOneOctetInSpecOrder() {
        SpecModel.Method declare = spec.method("queue.declare");
        for (int mask = 0; mask < 32; mask++) {
            List<Object> args = List.of(0, "q", (mask & 1) != 0, (mask & 2) != 0, (mask & 4) != 0, (mask & 8) != 0, (mask & 16) != 0, Map.of());
            ByteBuf frame = MethodCodecHarness.encode(declare, 1, args);
            // type 1, channel 1, size 14, class 50, method 10, ticket 0, "q", bits, empty table, frame-end
            assertThat(ByteBufUtil.hexDump(frame)).isEqualTo("010001" + "0000000d" + "0032000a" + "0000" + "0171"
                    + String.format("%02x", mask) + "00000000" + "ce");
            assertThat(MethodCodecHarness.decodeAll(frame)).containsExactly(MethodCodecHarness.Call.of(declare, 1, args));
        }
    }

    @Test
    void bitsOfOtherMethodsArePackedFromTheLowestBit() {
        SpecModel.Method consume = spec.method("basic.consume");
        // ticket, queue, consumer-tag, no-local, no-ack, exclusive, nowait, arguments
        ByteBuf frame = MethodCodecHarness.encode(consume, 3, List.of(0, "", "", false, true, false, true, Map.of()));
        assertThat((int) frame.getUnsignedByte(7 + 4 + 2 + 1 + 1)).isEqualTo(0b1010);

        SpecModel.Method declare = spec.method("exchange.declare");
        // ticket, exchange, type, passive, durable, auto-delete, internal, nowait, arguments
        frame = MethodCodecHarness.encode(declare, 3, List.of(0, "x", "topic", false, true, true, false, false, Map.of()));
        assertThat((int) frame.getUnsignedByte(7 + 4 + 2 + 2 + 6)).isEqualTo(0b00110);

        SpecModel.Method publish = spec.method("basic.publish");
        frame = MethodCodecHarness.encode(publish, 3, List.of(0, "", "rk", false, true));
        assertThat((int) frame.getUnsignedByte(7 + 4 + 2 + 1 + 3)).isEqualTo(0b10);
    }

    @Test
    void framesOfManyMethodsDecodeInOrder() {
        ByteBuf stream = Unpooled.buffer();
        List<MethodCodecHarness.Call> expected = new ArrayList<>();
        int channel = 0;
        for (SpecModel.Method method : spec.methods()) {
            List<Object> args = arguments(method, channel % 2 == 0, channel % 3);
            MethodCodecHarness.encode(stream, method, channel, args);
            expected.add(MethodCodecHarness.Call.of(method, channel, args));
            channel++;
        }
        assertThat(MethodCodecHarness.decodeAll(stream)).containsExactlyElementsOf(expected);
    }

    @Test
    void nullStringsBytesAndTablesAreWrittenEmpty() {
        SpecModel.Method startOk = spec.method("connection.start-ok");
        ByteBuf frame = MethodCodecHarness.encode(startOk, 0, Arrays.asList(null, null, null, null));
        assertThat(MethodCodecHarness.decodeAll(frame))
                .containsExactly(MethodCodecHarness.Call.of(startOk, 0, List.of(Map.of(), "", new byte[0], "")));
    }

    @Test
    void connectionTuneMatchesAHandWrittenFrame() {
        ByteBuf frame = Unpooled.buffer();
        MethodEncoder.connectionTune(frame, 0, 2047, 131072, 60);
        assertThat(ByteBufUtil.hexDump(frame)).isEqualTo("01" + "0000" + "0000000c" + "000a" + "001e" + "07ff" + "00020000" + "003c" + "ce");
    }

    @Test
    void unknownMethodsReachUnexpectedMethodWithTheirIds() {
        List<MethodCodecHarness.Call> calls = new ArrayList<>();
        MethodDecoder.decode(9, Unpooled.wrappedBuffer(new byte[] {0, 60, 0x7f, 0x7f, 1, 2, 3}), MethodCodecHarness.recorder(calls));
        assertThat(calls).containsExactly(new MethodCodecHarness.Call("unexpectedMethod", 9, List.of(60, 0x7f7f)));
    }

    private void assertRoundTrip(SpecModel.Method method, int channel, List<Object> args) {
        ByteBuf frame = MethodCodecHarness.encode(method, channel, args);
        assertThat(MethodCodecHarness.decodeAll(frame)).containsExactly(MethodCodecHarness.Call.of(method, channel, args));
    }

    /**
     * Deterministic arguments: every value at the bottom or the top of its range; bits alternate
     * (starting true or false) when {@code alternateBits} is 1, else all follow {@code largest}.
     */
    static List<Object> arguments(SpecModel.Method method, boolean largest, int alternateBits) {
        List<Object> args = new ArrayList<>();
        int bitIndex = 0;
        for (SpecModel.Argument argument : method.arguments()) {
            switch (argument.type()) {
                case "bit":
                    args.add(alternateBits == 1 ? (bitIndex++ % 2 == 0) == largest : largest);
                    break;
                case "octet": args.add(largest ? 255 : 0); break;
                case "short": args.add(largest ? 65535 : 0); break;
                case "long": args.add(largest ? 0xFFFF_FFFFL : 0L); break;
                case "longlong": case "timestamp": args.add(largest ? Long.MIN_VALUE : 0L); break;
                case "shortstr": args.add(largest ? "é".repeat(127) + "z" : ""); break;
                case "longstr": args.add(largest ? "\u0000binary\u00ff".repeat(50).getBytes(StandardCharsets.ISO_8859_1) : new byte[0]); break;
                case "table": args.add(largest ? everyFieldType() : new LinkedHashMap<>()); break;
                default: throw new IllegalArgumentException(argument.type());
            }
        }
        return args;
    }

    /** A table with one value of every type of the codec's contract, nested containers included. */
    static Map<String, Object> everyFieldType() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("inner", List.of(1, "two", new byte[] {3}));
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("bool", true);
        table.put("byte", (byte) -1);
        table.put("short", Short.MIN_VALUE);
        table.put("int", Integer.MAX_VALUE);
        table.put("long", Long.MIN_VALUE);
        table.put("float", 1.5f);
        table.put("double", -0.0);
        table.put("decimal", new BigDecimal("-123.4567"));
        table.put("string", "ünïcødé ✓");
        table.put("bytes", new byte[] {0, (byte) 0xff});
        table.put("array", new ArrayList<>(Arrays.asList(1L, null, false)));
        table.put("timestamp", Instant.ofEpochSecond(1_700_000_000L));
        table.put("table", nested);
        table.put("void", null);
        return table;
    }
}
