package dev.revenant.broker.queue.arguments;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How RabbitMQ names, prints and compares AMQP field-table values, for error texts and for
 * argument equivalence. Values are the codec's Java types (see HELPERS.md); the printed forms
 * follow RabbitMQ's Erlang formatting as observed on a real node.
 */
public final class FieldValues {
    private FieldValues() {
    }

    /** The AMQP type name RabbitMQ uses in messages: {@code signedint}, {@code longstr}, ... */
    public static String typeName(Object value) {
        if (value == null) {
            return "void";
        } else if (value instanceof String) {
            return "longstr";
        } else if (value instanceof Integer) {
            return "signedint";
        } else if (value instanceof Long) {
            return "long";
        } else if (value instanceof Short) {
            return "short";
        } else if (value instanceof Byte) {
            return "byte";
        } else if (value instanceof Boolean) {
            return "bool";
        } else if (value instanceof Double) {
            return "double";
        } else if (value instanceof Float) {
            return "float";
        } else if (value instanceof BigDecimal) {
            return "decimal";
        } else if (value instanceof byte[]) {
            return "binary";
        } else if (value instanceof List) {
            return "array";
        } else if (value instanceof Map) {
            return "table";
        } else if (value instanceof Instant || value instanceof Date) {
            return "timestamp";
        }
        throw new IllegalArgumentException("not a field-table value: " + value.getClass().getName());
    }

    /** True for the integer types RabbitMQ accepts where it "expected integer". */
    public static boolean isInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    /**
     * The value as RabbitMQ prints it inside quotes in argument errors: strings and binaries raw,
     * numbers and booleans plainly, timestamps as seconds, arrays and tables as Erlang terms.
     */
    public static String text(Object value) {
        if (value instanceof String s) {
            return s;
        } else if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        } else if (value instanceof List || value instanceof Map) {
            return ErlangTerms.of(value);
        }
        return ErlangTerms.scalar(value);
    }

    /**
     * Whether two argument values are equivalent for a redeclare, as RabbitMQ decides: same type
     * class (integers and timestamps; floats; strings and binaries; each other type alone) and
     * equal values. Containers compare element by element including each element's type.
     */
    public static boolean sameArgument(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        TypeClass ca = TypeClass.of(a);
        if (ca != TypeClass.of(b)) {
            return false;
        }
        switch (ca) {
            case INTEGER:
                return integerValue(a) == integerValue(b);
            case FLOAT:
                return ((Number) a).doubleValue() == ((Number) b).doubleValue();
            case STRING:
                return Arrays.equals(bytes(a), bytes(b));
            case ARRAY:
                return sameTypedElements((List<?>) a, (List<?>) b);
            case TABLE:
                return sameTypedEntries((Map<?, ?>) a, (Map<?, ?>) b);
            default:
                return a.equals(b);
        }
    }

    /**
     * Whether two values have the same AMQP type and equal values, containers compared element by
     * element: Erlang's {@code ==} on RabbitMQ's typed values, as inside arrays and tables.
     */
    public static boolean sameTyped(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        return typeName(a).equals(typeName(b)) && sameArgument(a, b);
    }

    private static boolean sameTypedElements(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!sameTyped(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameTypedEntries(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        // RabbitMQ keeps nested tables as ordered lists, so order is part of the value.
        Iterator<? extends Map.Entry<?, ?>> ia = a.entrySet().iterator();
        Iterator<? extends Map.Entry<?, ?>> ib = b.entrySet().iterator();
        while (ia.hasNext()) {
            Map.Entry<?, ?> ea = ia.next();
            Map.Entry<?, ?> eb = ib.next();
            if (!ea.getKey().equals(eb.getKey()) || !sameTyped(ea.getValue(), eb.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The value as an Erlang term in RabbitMQ's error texts: {@code <<"any">>}, {@code 1}, {@code [{long,2}]}. */
    public static String erlangTerm(Object value) {
        return ErlangTerms.of(value);
    }

    /** Integer value of an integer or timestamp (seconds) value. */
    static long integerValue(Object value) {
        if (value instanceof Instant instant) {
            return instant.getEpochSecond();
        } else if (value instanceof Date date) {
            return Math.floorDiv(date.getTime(), 1000L);
        }
        return ((Number) value).longValue();
    }

    static byte[] bytes(Object value) {
        return value instanceof byte[] b ? b : ((String) value).getBytes(StandardCharsets.UTF_8);
    }

    private enum TypeClass {
        INTEGER, FLOAT, STRING, BOOLEAN, DECIMAL, ARRAY, TABLE;

        static TypeClass of(Object value) {
            if (isInteger(value) || value instanceof Instant || value instanceof Date) {
                return INTEGER;
            } else if (value instanceof Double || value instanceof Float) {
                return FLOAT;
            } else if (value instanceof String || value instanceof byte[]) {
                return STRING;
            } else if (value instanceof Boolean) {
                return BOOLEAN;
            } else if (value instanceof BigDecimal) {
                return DECIMAL;
            } else if (value instanceof List) {
                return ARRAY;
            } else if (value instanceof Map) {
                return TABLE;
            }
            throw new IllegalArgumentException("not a field-table value: " + value.getClass().getName());
        }
    }
}
