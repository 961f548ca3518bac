package dev.revenant.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Drives the generated codec by reflection from the spec: writes any method with MethodEncoder,
 * cuts frames with FrameParser and decodes them with MethodDecoder into a recording handler.
 */
final class MethodCodecHarness {
    static final int MAX_FRAME = 1 << 20;

    private MethodCodecHarness() {
    }

    /** One decoded (or intended) method call; arguments are {@link FieldValues#comparable} copies. */
    record Call(String method, int channel, List<Object> arguments) {
        static Call of(SpecModel.Method method, int channel, List<Object> arguments) {
            return new Call(method.javaName(), channel, comparableList(arguments));
        }
    }

    /** Appends a whole method frame to {@code out}. */
    static void encode(ByteBuf out, SpecModel.Method method, int channel, List<Object> arguments) {
        Object[] parameters = new Object[arguments.size() + 2];
        parameters[0] = out;
        parameters[1] = channel;
        for (int i = 0; i < arguments.size(); i++) {
            parameters[i + 2] = arguments.get(i);
        }
        try {
            MethodEncoder.class.getMethod(method.javaName(), AmqpSpecTest.parameterTypes(method, true)).invoke(null, parameters);
        } catch (InvocationTargetException e) {
            throw new AssertionError("encoding " + method.dotted() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static ByteBuf encode(SpecModel.Method method, int channel, List<Object> arguments) {
        ByteBuf out = Unpooled.buffer();
        encode(out, method, channel, arguments);
        return out;
    }

    /** Parses every frame in {@code in} and decodes each method frame, checking each payload is consumed exactly. */
    static List<Call> decodeAll(ByteBuf in) {
        List<Call> calls = new ArrayList<>();
        MethodHandler recorder = recorder(calls);
        FrameParser.parse(in, MAX_FRAME, new FrameParser.FrameListener() {
            @Override
            public void methodFrame(int channel, ByteBuf payload) {
                MethodDecoder.decode(channel, payload, recorder);
                assertThat(payload.readableBytes()).as("bytes left after decoding " + calls).isZero();
            }

            @Override
            public void headerFrame(int channel, ByteBuf payload) {
                throw new AssertionError("unexpected header frame");
            }

            @Override
            public void bodyFrame(int channel, ByteBuf payload) {
                throw new AssertionError("unexpected body frame");
            }

            @Override
            public void heartbeatFrame(int channel) {
                throw new AssertionError("unexpected heartbeat");
            }
        });
        assertThat(in.readableBytes()).as("unparsed bytes").isZero();
        return calls;
    }

    /** A handler recording every call, overridden or not, as a {@link Call}. */
    static MethodHandler recorder(List<Call> calls) {
        return (MethodHandler) Proxy.newProxyInstance(MethodHandler.class.getClassLoader(), new Class<?>[] {MethodHandler.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("equals") ? proxy == args[0] : method.invoke(calls, args);
                    }
                    List<Object> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
                    calls.add(new Call(method.getName(), (Integer) args[0], comparableList(rest)));
                    return null;
                });
    }

    private static List<Object> comparableList(List<Object> values) {
        List<Object> copy = new ArrayList<>();
        values.forEach(v -> copy.add(FieldValues.comparable(v)));
        return copy;
    }

    /** Values of each wire type, within the type's range. */
    static Arbitrary<Object> argumentValues(String wireType) {
        switch (wireType) {
            case "bit": return Arbitraries.of(true, false);
            case "octet": return Arbitraries.integers().between(0, 255).map(v -> v);
            case "short": return Arbitraries.integers().between(0, 65535).map(v -> v);
            case "long": return Arbitraries.longs().between(0, 0xFFFF_FFFFL).map(v -> v);
            case "longlong": case "timestamp": return Arbitraries.longs().map(v -> v);
            case "shortstr": return FieldValues.shortStrings().map(v -> v);
            case "longstr": return FieldValues.byteArrays(300).map(v -> v);
            case "table": return FieldValues.tableArbitrary(2).map(v -> v);
            default: throw new IllegalArgumentException(wireType);
        }
    }

    /** Random argument lists for a method, in spec order. */
    static Arbitrary<List<Object>> argumentLists(SpecModel.Method method) {
        if (method.arguments().isEmpty()) {
            return Arbitraries.just(List.of());
        }
        List<Arbitrary<Object>> perArgument = new ArrayList<>();
        method.arguments().forEach(a -> perArgument.add(argumentValues(a.type())));
        return Combinators.combine(perArgument).as(ArrayList::new);
    }
}
