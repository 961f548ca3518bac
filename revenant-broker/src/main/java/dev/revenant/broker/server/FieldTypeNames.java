package dev.revenant.broker.server;

import java.util.List;
import java.util.Map;

/** RabbitMQ's names of AMQP field types (as they appear in its error texts) for decoded values. */
final class FieldTypeNames {
    private FieldTypeNames() {
    }

    static String of(Object value) {
        if (value instanceof String) {
            return "longstr";
        }
        if (value instanceof Integer) {
            return "signedint";
        }
        if (value instanceof Long) {
            return "long";
        }
        if (value instanceof Short) {
            return "short";
        }
        if (value instanceof Byte) {
            return "byte";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Map) {
            return "table";
        }
        if (value instanceof List) {
            return "array";
        }
        if (value instanceof Double) {
            return "double";
        }
        if (value instanceof Float) {
            return "float";
        }
        return value == null ? "void" : value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
