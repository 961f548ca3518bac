package dev.revenant.broker.routing;

import dev.revenant.broker.queue.arguments.FieldValues;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Equality of a message header value with a binding value as RabbitMQ's headers exchange
 * decides it (Erlang's {@code ==} on the untyped values): numbers compare exactly across integer
 * widths, floats and timestamps (1 equals 1.0, 0.1f does not equal 0.1d); strings and binaries
 * compare as bytes; decimals only equal decimals of the same scale; arrays and tables compare
 * element by element including each element's type, tables in order.
 */
final class HeaderValues {
    private HeaderValues() {
    }

    static boolean equal(Object binding, Object header) {
        if (binding == null || header == null) {
            return binding == header;
        }
        if (isNumber(binding) && isNumber(header)) {
            return sameNumber(binding, header);
        }
        if (isText(binding) && isText(header)) {
            return Arrays.equals(bytes(binding), bytes(header));
        }
        if (binding instanceof List || binding instanceof Map) {
            return FieldValues.sameTyped(binding, header);
        }
        return binding.equals(header);
    }

    private static boolean isNumber(Object value) {
        return FieldValues.isInteger(value) || value instanceof Double || value instanceof Float
                || value instanceof Instant || value instanceof Date;
    }

    private static boolean sameNumber(Object a, Object b) {
        BigDecimal x = exact(a);
        BigDecimal y = exact(b);
        if (x == null || y == null) {
            // NaN or infinity: RabbitMQ cannot even carry these; equal only to the very same value.
            return x == null && y == null && ((Number) a).doubleValue() == ((Number) b).doubleValue();
        }
        return x.compareTo(y) == 0;
    }

    private static BigDecimal exact(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d) ? null : new BigDecimal(d);
        } else if (value instanceof Instant instant) {
            return BigDecimal.valueOf(instant.getEpochSecond());
        } else if (value instanceof Date date) {
            return BigDecimal.valueOf(Math.floorDiv(date.getTime(), 1000L));
        }
        return BigDecimal.valueOf(((Number) value).longValue());
    }

    private static boolean isText(Object value) {
        return value instanceof String || value instanceof byte[];
    }

    private static byte[] bytes(Object value) {
        return value instanceof byte[] b ? b : ((String) value).getBytes(StandardCharsets.UTF_8);
    }
}
