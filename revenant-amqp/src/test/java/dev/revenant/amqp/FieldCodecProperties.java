package dev.revenant.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Random tables round-trip through our codec and the official client's; random bytes fail only as FrameFormatException. */
class FieldCodecProperties {

    @Property(tries = 500)
    void tablesRoundTripAndReencodeToTheSameBytes(@ForAll("tables") Map<String, Object> table) {
        byte[] encoded = OfficialClientTables.ourWrites(table);
        Map<String, Object> decoded = OfficialClientTables.ourReads(encoded);
        assertThat(FieldValues.comparable(decoded)).isEqualTo(FieldValues.comparable(table));
        assertThat(OfficialClientTables.ourWrites(decoded)).isEqualTo(encoded);
    }

    @Property(tries = 300)
    void tablesWeWriteAreReadByTheClientAsTheSameValues(@ForAll("tables") Map<String, Object> table) {
        Object clientRead = OfficialClientTables.clientReads(OfficialClientTables.ourWrites(table));
        assertThat(FieldValues.comparable(OfficialClientCodec.fromClientValue(clientRead))).isEqualTo(FieldValues.comparable(table));
    }

    @Property(tries = 300)
    @SuppressWarnings("unchecked")
    void tablesTheClientWritesAreReadByUsAsTheSameValues(@ForAll("tables") Map<String, Object> table) {
        byte[] clientBytes = OfficialClientTables.clientWrites((Map<String, Object>) OfficialClientCodec.toClientValue(table));
        assertThat(FieldValues.comparable(OfficialClientTables.ourReads(clientBytes))).isEqualTo(FieldValues.comparable(table));
        assertThat(OfficialClientTables.ourWrites(table)).isEqualTo(clientBytes);
    }

    @Property(tries = 2000)
    void randomBytesRaiseNothingButFrameFormatException(@ForAll @Size(max = 64) byte[] bytes) {
        assertOnlyFrameFormatException(Unpooled.wrappedBuffer(bytes));
    }

    @Property(tries = 2000)
    void randomTableBodiesWithAFittingLengthRaiseNothingButFrameFormatException(@ForAll @Size(max = 64) byte[] body) {
        assertOnlyFrameFormatException(Unpooled.buffer().writeInt(body.length).writeBytes(body));
    }

    @Property(tries = 600)
    void corruptedValidTablesRaiseNothingButFrameFormatException(@ForAll("corruptedTables") byte[] bytes) {
        assertOnlyFrameFormatException(Unpooled.wrappedBuffer(bytes));
    }

    private static void assertOnlyFrameFormatException(ByteBuf in) {
        int length = in.readableBytes();
        Throwable thrown = catchThrowable(() -> FieldCodec.readTable(in));
        if (thrown == null) {
            assertThat(in.readerIndex()).isBetween(4, length);
        } else {
            assertThat(thrown).isInstanceOf(FrameFormatException.class);
        }
    }

    @Provide
    Arbitrary<Map<String, Object>> tables() {
        return FieldValues.tableArbitrary(3);
    }

    /** A valid table with a few bytes overwritten and possibly cut short. */
    @Provide
    Arbitrary<byte[]> corruptedTables() {
        return Combinators.combine(FieldValues.tableArbitrary(2), Arbitraries.integers().between(1, 4).list().ofMaxSize(4),
                Arbitraries.bytes().list().ofSize(4), Arbitraries.integers().between(0, 100))
                .as((table, positions, values, cut) -> {
                    byte[] bytes = OfficialClientTables.ourWrites(table);
                    int at = 0;
                    for (int i = 0; i < positions.size() && bytes.length > 0; i++) {
                        at = (at + positions.get(i) * 7) % bytes.length;
                        bytes[at] = values.get(i);
                    }
                    int keep = cut < 80 ? bytes.length : bytes.length * (cut - 80) / 20;
                    return java.util.Arrays.copyOf(bytes, keep);
                });
    }
}
