package dev.revenant.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Our MethodEncoder writes every method exactly as the official Java client does, the client reads
 * our frames back to the same method, and our decoder reads the client's frames.
 */
class MethodCompatibilityTest {
    private final SpecModel spec = SpecModel.load();

    @TestFactory
    Stream<DynamicTest> everyMethodIsByteForByteTheOfficialClientsEncoding() {
        return spec.methods().stream().flatMap(method -> Stream.of(
                DynamicTest.dynamicTest(method.dotted() + " smallest", () -> assertSameAsClient(method, 0, MethodRoundTripTest.arguments(method, false, 0))),
                DynamicTest.dynamicTest(method.dotted() + " largest", () -> assertSameAsClient(method, 65535, MethodRoundTripTest.arguments(method, true, 0))),
                DynamicTest.dynamicTest(method.dotted() + " odd bits", () -> assertSameAsClient(method, 1, MethodRoundTripTest.arguments(method, true, 1)))));
    }

    static void assertSameAsClient(SpecModel.Method method, int channel, List<Object> originalArguments) throws Exception {
        // amqp-client copies a method's table argument into a HashMap, so it writes the entries in
        // that map's order: give our encoder the same order (nested tables are written as given).
        List<Object> arguments = new ArrayList<>(originalArguments);
        for (int i = 0; i < arguments.size(); i++) {
            if (arguments.get(i) instanceof Map<?, ?> table) {
                arguments.set(i, new LinkedHashMap<>(new HashMap<>(table)));
            }
        }
        byte[] ours = ByteBufUtil.getBytes(MethodCodecHarness.encode(method, channel, arguments));
        com.rabbitmq.client.impl.Method theirs = OfficialClientCodec.method(method, arguments);
        byte[] clientFrame = OfficialClientCodec.frame(theirs, channel);
        assertThat(ByteBufUtil.hexDump(ours)).as(method.dotted()).isEqualTo(ByteBufUtil.hexDump(clientFrame));

        com.rabbitmq.client.impl.Method readBack = OfficialClientCodec.readMethod(Arrays.copyOfRange(ours, 7, ours.length - 1));
        assertThat(readBack.protocolMethodName()).isEqualTo(method.dotted());
        // what the client read, written again by the client (in its own table order), decodes to the same call
        assertThat(MethodCodecHarness.decodeAll(io.netty.buffer.Unpooled.wrappedBuffer(OfficialClientCodec.frame(readBack, channel))))
                .containsExactly(MethodCodecHarness.Call.of(method, channel, arguments));

        assertThat(MethodCodecHarness.decodeAll(io.netty.buffer.Unpooled.wrappedBuffer(clientFrame)))
                .containsExactly(MethodCodecHarness.Call.of(method, channel, arguments));
    }
}
