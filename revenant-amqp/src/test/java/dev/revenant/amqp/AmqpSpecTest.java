package dev.revenant.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The generated constants, names and signatures agree with the spec JSON, read independently. */
class AmqpSpecTest {
    private final SpecModel spec = SpecModel.load();

    @Test
    void specIsTheOneTheBrokerDocumentsAndHasEveryClass() {
        assertThat(spec.classIds()).containsOnlyKeys("connection", "channel", "access", "exchange", "queue", "basic", "tx", "confirm");
        assertThat(spec.methods()).hasSize(66);
        assertThat(new int[] {AmqpSpec.MAJOR, AmqpSpec.MINOR, AmqpSpec.REVISION, AmqpSpec.DEFAULT_PORT}).containsExactly(0, 9, 1, 5672);
    }

    @Test
    void everyIntConstantIsExactlyTheSpecsConstantsClassIdsAndMethodIds() throws IllegalAccessException {
        Map<String, Integer> expected = new TreeMap<>();
        for (SpecModel.Constant constant : spec.constants()) {
            assertThat(expected.put(constant.javaName(), constant.value())).as(constant.name()).isNull();
        }
        spec.classIds().forEach((name, id) -> assertThat(expected.put("CLASS_" + name.toUpperCase(), id)).isNull());
        for (SpecModel.Method method : spec.methods()) {
            assertThat(expected.put(method.constantName(), method.classId() << 16 | method.id())).as(method.dotted()).isNull();
        }
        expected.putAll(Map.of("MAJOR", 0, "MINOR", 9, "REVISION", 1, "DEFAULT_PORT", 5672));

        Map<String, Integer> actual = new TreeMap<>();
        for (Field field : AmqpSpec.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                actual.put(field.getName(), field.getInt(null));
            }
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void methodNameAndHasContentFollowTheSpec() {
        for (SpecModel.Method method : spec.methods()) {
            assertThat(AmqpSpec.methodName(method.classId(), method.id())).isEqualTo(method.dotted());
            assertThat(AmqpSpec.hasContent(method.classId(), method.id())).as(method.dotted()).isEqualTo(method.content());
        }
        assertThat(spec.methods().stream().filter(SpecModel.Method::content).map(SpecModel.Method::dotted))
                .containsExactlyInAnyOrder("basic.publish", "basic.return", "basic.deliver", "basic.get-ok");
    }

    @Test
    void unknownMethodsAreNamedByTheirIdsAndCarryNoContent() {
        assertThat(AmqpSpec.methodName(60, 999)).isEqualTo("60.999");
        assertThat(AmqpSpec.methodName(0, 0)).isEqualTo("0.0");
        assertThat(AmqpSpec.hasContent(60, 999)).isFalse();
        // connection.start's key shifted by one class must not be mistaken for another method
        assertThat(AmqpSpec.methodName(11, 10)).isEqualTo("11.10");
    }

    @Test
    void replyCodesAreClassifiedAndNamedAsInTheSpec() {
        for (SpecModel.Constant constant : spec.constants()) {
            if (constant.errorClass() == null) {
                continue;
            }
            assertThat(AmqpSpec.isHardError(constant.value())).as(constant.name()).isEqualTo(constant.errorClass().equals("hard-error"));
            assertThat(AmqpSpec.replyCodeName(constant.value())).isEqualTo(constant.javaName());
        }
        assertThat(AmqpSpec.replyCodeName(200)).isEqualTo("REPLY_SUCCESS");
        assertThat(AmqpSpec.isHardError(200)).isFalse();
        assertThat(AmqpSpec.replyCodeName(999)).isNull();
        // frame-type constants are not reply codes even though FRAME_MIN_SIZE is a number too
        assertThat(AmqpSpec.replyCodeName(4096)).isNull();
    }

    @Test
    void handlerHasOneDefaultPerSpecMethodWithSpecArgumentsThatReportsTheMethodsIds() throws Exception {
        List<String> unexpected = new ArrayList<>();
        MethodHandler fallThrough = (channel, classId, methodId) -> unexpected.add(channel + ":" + classId + "." + methodId);
        for (SpecModel.Method method : spec.methods()) {
            java.lang.reflect.Method handler = MethodHandler.class.getMethod(method.javaName(), parameterTypes(method, false));
            assertThat(handler.isDefault()).as(method.dotted()).isTrue();
            Object[] args = new Object[handler.getParameterCount()];
            args[0] = 7;
            for (int i = 1; i < args.length; i++) {
                args[i] = zero(handler.getParameterTypes()[i]);
            }
            handler.invoke(fallThrough, args);
            assertThat(unexpected).as(method.dotted()).last().isEqualTo("7:" + method.classId() + "." + method.id());
        }
        assertThat(MethodHandler.class.getMethods()).hasSize(spec.methods().size() + 1);
    }

    @Test
    void encoderHasOneStaticWriterPerSpecMethodWithSpecArguments() throws NoSuchMethodException {
        for (SpecModel.Method method : spec.methods()) {
            java.lang.reflect.Method writer = MethodEncoder.class.getMethod(method.javaName(), parameterTypes(method, true));
            assertThat(Modifier.isStatic(writer.getModifiers())).isTrue();
            assertThat(Arrays.stream(writer.getParameters()).skip(2).map(p -> p.getType().getSimpleName()).collect(Collectors.toList()))
                    .as(method.dotted())
                    .containsExactlyElementsOf(method.arguments().stream().map(a -> javaType(a.type()).getSimpleName()).collect(Collectors.toList()));
        }
        long publicStatics = Arrays.stream(MethodEncoder.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())).count();
        assertThat(publicStatics).isEqualTo(spec.methods().size());
    }

    /** The Java parameter types of a spec method: (channel, arguments...), preceded by the buffer for writers. */
    static Class<?>[] parameterTypes(SpecModel.Method method, boolean writer) {
        List<Class<?>> types = new ArrayList<>();
        if (writer) {
            types.add(ByteBuf.class);
        }
        types.add(int.class);
        method.arguments().forEach(a -> types.add(javaType(a.type())));
        return types.toArray(new Class<?>[0]);
    }

    static Class<?> javaType(String wireType) {
        switch (wireType) {
            case "bit": return boolean.class;
            case "octet": case "short": return int.class;
            case "long": case "longlong": case "timestamp": return long.class;
            case "shortstr": return String.class;
            case "longstr": return byte[].class;
            case "table": return Map.class;
            default: throw new IllegalArgumentException(wireType);
        }
    }

    private static Object zero(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }
}
