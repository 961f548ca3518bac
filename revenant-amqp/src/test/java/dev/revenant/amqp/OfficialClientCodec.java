package dev.revenant.amqp;

import com.rabbitmq.client.LongString;
import com.rabbitmq.client.impl.AMQImpl;
import com.rabbitmq.client.impl.Frame;
import com.rabbitmq.client.impl.LongStringHelper;
import com.rabbitmq.client.impl.Method;
import com.rabbitmq.client.impl.MethodArgumentReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The official Java client's own codec (amqp-client's AMQImpl, ValueWriter, ValueReader), used as
 * the reference our codec must match byte for byte; converts between its value types
 * (LongString, Date) and ours (String, Instant).
 */
final class OfficialClientCodec {
    private OfficialClientCodec() {
    }

    /** The amqp-client method object for a spec method, built from our argument values. */
    static Method method(SpecModel.Method method, List<Object> arguments) throws ReflectiveOperationException {
        Class<?> type = Class.forName(AMQImpl.class.getName() + "$" + pascal(method.className()) + "$" + pascal(method.name()));
        for (Constructor<?> constructor : type.getConstructors()) {
            if (constructor.getParameterCount() == arguments.size()
                    && (arguments.size() != 1 || constructor.getParameterTypes()[0] != MethodArgumentReader.class)) {
                Object[] values = new Object[arguments.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = toClient(method.arguments().get(i).type(), arguments.get(i));
                }
                return (Method) constructor.newInstance(values);
            }
        }
        throw new IllegalStateException("no amqp-client constructor for " + method.dotted());
    }

    /** The whole frame amqp-client writes for a method. */
    static byte[] frame(Method method, int channel) throws IOException {
        return bytes(method.toFrame(channel));
    }

    static byte[] bytes(Frame frame) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frame.writeTo(new DataOutputStream(out));
        return out.toByteArray();
    }

    /** amqp-client's reading of a method payload (class id, method id, arguments). */
    static Method readMethod(byte[] payload) throws IOException {
        return AMQImpl.readMethodFrom(new DataInputStream(new ByteArrayInputStream(payload)));
    }

    private static Object toClient(String wireType, Object value) {
        switch (wireType) {
            case "longstr": return LongStringHelper.asLongString((byte[]) value);
            case "long": return (int) (long) (Long) value;
            default: return toClientValue(value);
        }
    }

    /** Our field value as amqp-client's ValueWriter expects it: Instant becomes Date, recursively. */
    static Object toClientValue(Object value) {
        if (value instanceof Instant instant) {
            return Date.from(instant);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, toClientValue(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(toClientValue(v)));
            return copy;
        }
        return value;
    }

    /** A value read by amqp-client's ValueReader in our types: LongString becomes String, Date Instant. */
    static Object fromClientValue(Object value) {
        if (value instanceof LongString s) {
            return s.toString();
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, fromClientValue(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(fromClientValue(v)));
            return copy;
        }
        return value;
    }

    static String pascal(String kebab) {
        String camel = SpecModel.camel(kebab);
        return Character.toUpperCase(camel.charAt(0)) + camel.substring(1);
    }
}
