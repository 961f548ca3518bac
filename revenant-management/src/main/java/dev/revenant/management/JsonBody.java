package dev.revenant.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request's JSON object with typed, optional fields: a field of the wrong type is a 400 naming
 * the field and the type it must have; a missing or null field is absent. Unknown fields are
 * ignored, as RabbitMQ does.
 */
final class JsonBody {
    private final ObjectNode object;

    JsonBody(ObjectNode object) {
        this.object = object;
    }

    ObjectNode object() {
        return object;
    }

    boolean has(String field) {
        JsonNode node = object.get(field);
        return node != null && !node.isNull();
    }

    JsonNode node(String field) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : node;
    }

    Boolean bool(String field) {
        JsonNode node = node(field);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            throw wrongType(field, "true or false", node);
        }
        return node.booleanValue();
    }

    String text(String field) {
        JsonNode node = node(field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(field, "a string", node);
        }
        return node.textValue();
    }

    /** A whole number in {@code [min, max]}. */
    Long integer(String field, long min, long max) {
        JsonNode node = node(field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrongType(field, "a whole number", node);
        }
        long value = node.longValue();
        if (value < min || value > max) {
            throw ApiError.badRequest("'" + field + "' must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    /** Any number (whole or not). */
    Double number(String field) {
        JsonNode node = node(field);
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            throw wrongType(field, "a number", node);
        }
        return node.doubleValue();
    }

    ObjectNode objectField(String field) {
        JsonNode node = node(field);
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw wrongType(field, "a JSON object", node);
        }
        return (ObjectNode) node;
    }

    static ApiError wrongType(String field, String expected, JsonNode actual) {
        return ApiError.badRequest("'" + field + "' must be " + expected + ", was " + describe(actual));
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + (text.length() > 60 ? text.substring(0, 60) + "..." : text);
    }
}
