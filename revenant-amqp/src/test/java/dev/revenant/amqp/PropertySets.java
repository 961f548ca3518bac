package dev.revenant.amqp;

import com.rabbitmq.client.AMQP;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * BasicProperties driven from the spec's property list: random property sets, a comparable
 * snapshot of every property, and the official client's AMQP.BasicProperties for the same values.
 */
final class PropertySets {
    private PropertySets() {
    }

    static List<SpecModel.Argument> properties() {
        return SpecModel.load().basicProperties();
    }

    /** Property values in spec order, each absent (null) now and then. */
    static Arbitrary<List<Object>> values() {
        List<Arbitrary<Object>> each = new ArrayList<>();
        for (SpecModel.Argument property : properties()) {
            Arbitrary<Object> value = property.type().equals("timestamp")
                    ? net.jqwik.api.Arbitraries.longs().between(-(Long.MAX_VALUE / 1000), Long.MAX_VALUE / 1000).map(v -> v)
                    : MethodCodecHarness.argumentValues(property.type());
            each.add(value.injectNull(0.4));
        }
        return Combinators.combine(each).as(ArrayList::new);
    }

    static Arbitrary<BasicProperties> propertySets() {
        return values().map(PropertySets::build);
    }

    /** Our BasicProperties with the given values, in spec order. */
    static BasicProperties build(List<Object> values) {
        BasicProperties p = new BasicProperties();
        for (int i = 0; i < values.size(); i++) {
            SpecModel.Argument property = properties().get(i);
            try {
                BasicProperties.class.getMethod(property.javaName(), boxedType(property.type())).invoke(p, values.get(i));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(property.name(), e);
            }
        }
        return p;
    }

    /** Every property by spec name (null when absent), byte arrays made comparable. */
    static Map<String, Object> snapshot(BasicProperties p) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (SpecModel.Argument property : properties()) {
            try {
                values.put(property.name(), FieldValues.comparable(BasicProperties.class.getMethod(property.javaName()).invoke(p)));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(property.name(), e);
            }
        }
        return values;
    }

    static Class<?> boxedType(String wireType) {
        switch (wireType) {
            case "octet": case "short": return Integer.class;
            case "long": case "longlong": case "timestamp": return Long.class;
            case "bit": return Boolean.class;
            case "shortstr": return String.class;
            case "table": return Map.class;
            default: throw new IllegalArgumentException(wireType);
        }
    }

    static byte[] encode(BasicProperties p) {
        ByteBuf out = Unpooled.buffer();
        p.encode(out);
        return ByteBufUtil.getBytes(out);
    }

    /** The official client's properties with the same values (its constructor takes them in spec order). */
    static AMQP.BasicProperties client(BasicProperties p) {
        List<Object> values = new ArrayList<>();
        for (SpecModel.Argument property : properties()) {
            Object value;
            try {
                value = BasicProperties.class.getMethod(property.javaName()).invoke(p);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            if (value != null && property.type().equals("timestamp")) {
                value = new Date((Long) value * 1000);
            } else if (value instanceof Map<?, ?> table) {
                value = OfficialClientCodec.toClientValue(table);
            }
            values.add(value);
        }
        try {
            for (Constructor<?> constructor : AMQP.BasicProperties.class.getConstructors()) {
                if (constructor.getParameterCount() == values.size()) {
                    return (AMQP.BasicProperties) constructor.newInstance(values.toArray());
                }
            }
            throw new AssertionError("no AMQP.BasicProperties constructor taking " + values.size() + " properties");
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The content-header payload (class, weight, body size, flags, properties) the client writes. */
    static byte[] clientHeaderPayload(AMQP.BasicProperties properties, long bodySize) {
        try {
            return properties.toFrame(1, bodySize).getPayload();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
