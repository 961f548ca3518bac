package dev.revenant.broker.vhost;

import dev.revenant.broker.AmqpException;
import java.util.Map;
import java.util.Objects;

/**
 * Redeclaration checks: a declaration must match the existing entity's flags and arguments, or
 * fail with 406 PRECONDITION_FAILED in RabbitMQ's wording naming the first differing property.
 */
final class Equivalence {
    private Equivalence() {
    }

    static void require(String property, String what, Object received, Object current) {
        if (!Objects.equals(received, current)) {
            throw AmqpException.channel(AmqpException.PRECONDITION_FAILED, "inequivalent arg '" + property + "' for " + what
                    + ": received '" + received + "' but current is '" + current + "'");
        }
    }

    static void requireArguments(String what, Map<String, Object> received, Map<String, Object> current) {
        for (Map.Entry<String, Object> e : received.entrySet()) {
            Object now = current.get(e.getKey());
            if (!current.containsKey(e.getKey()) || !sameValue(e.getValue(), now)) {
                throw AmqpException.channel(AmqpException.PRECONDITION_FAILED, "inequivalent arg '" + e.getKey() + "' for " + what
                        + ": received " + describe(e.getValue()) + " but current is " + (current.containsKey(e.getKey()) ? describe(now) : "none"));
            }
        }
        for (String key : current.keySet()) {
            if (!received.containsKey(key)) {
                throw AmqpException.channel(AmqpException.PRECONDITION_FAILED, "inequivalent arg '" + key + "' for " + what
                        + ": received none but current is " + describe(current.get(key)));
            }
        }
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && !(a instanceof Float || a instanceof Double)) {
            return x.longValue() == y.longValue();
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return java.util.Arrays.equals(x, y);
        }
        return Objects.equals(a, b);
    }

    private static String describe(Object value) {
        return "the value '" + value + "' of type '" + typeName(value) + "'";
    }

    private static String typeName(Object value) {
        if (value instanceof String) {
            return "longstr";
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return "signedint";
        }
        if (value instanceof Long) {
            return "long";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        return value == null ? "void" : value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
