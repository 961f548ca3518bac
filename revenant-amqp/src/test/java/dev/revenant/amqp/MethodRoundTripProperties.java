package dev.revenant.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random methods with random arguments round-trip through encoder, parser and decoder. */
class MethodRoundTripProperties {
    record Invocation(SpecModel.Method method, int channel, List<Object> arguments) {
        MethodCodecHarness.Call expected() {
            return MethodCodecHarness.Call.of(method, channel, arguments);
        }
    }

    @Property(tries = 500)
    void anyMethodRoundTrips(@ForAll("invocations") Invocation invocation) {
        ByteBuf frame = MethodCodecHarness.encode(invocation.method(), invocation.channel(), invocation.arguments());
        assertThat(MethodCodecHarness.decodeAll(frame)).containsExactly(invocation.expected());
    }

    @Property(tries = 100)
    void sequencesOfMethodsDecodeInOrder(@ForAll("sequences") List<Invocation> invocations) {
        ByteBuf stream = Unpooled.buffer();
        List<MethodCodecHarness.Call> expected = new ArrayList<>();
        for (Invocation invocation : invocations) {
            MethodCodecHarness.encode(stream, invocation.method(), invocation.channel(), invocation.arguments());
            expected.add(invocation.expected());
        }
        assertThat(MethodCodecHarness.decodeAll(stream)).containsExactlyElementsOf(expected);
    }

    @Property(tries = 300)
    void anyMethodIsEncodedExactlyAsTheOfficialClientEncodesIt(@ForAll("invocations") Invocation invocation) throws Exception {
        MethodCompatibilityTest.assertSameAsClient(invocation.method(), invocation.channel(), invocation.arguments());
    }

    @Property(tries = 500)
    void truncatedOrCorruptedPayloadsRaiseNothingButFrameFormatException(@ForAll("invocations") Invocation invocation,
            @ForAll int position, @ForAll byte corruption, @ForAll boolean truncate) {
        ByteBuf frame = MethodCodecHarness.encode(invocation.method(), invocation.channel(), invocation.arguments());
        ByteBuf payload = frame.slice(7, frame.readableBytes() - 8);
        int at = Math.floorMod(position, payload.readableBytes());
        if (truncate) {
            MethodDecoderTest.assertRefused(payload.slice(0, at), invocation.method().dotted() + " cut to " + at);
            return;
        }
        payload.setByte(at, corruption);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> MethodDecoder.decode(1, payload, MethodCodecHarness.recorder(new ArrayList<>())));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(FrameFormatException.class);
        }
    }

    @Provide
    Arbitrary<Invocation> invocations() {
        return Arbitraries.of(SpecModel.load().methods()).flatMap(method -> Combinators.combine(
                Arbitraries.integers().between(0, 65535), MethodCodecHarness.argumentLists(method))
                .as((channel, args) -> new Invocation(method, channel, args)));
    }

    @Provide
    Arbitrary<List<Invocation>> sequences() {
        return invocations().list().ofMaxSize(8);
    }
}
