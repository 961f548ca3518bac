package dev.revenant.management;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AMQP field-table values to JSON and back, as RabbitMQ's management API renders them: numbers
 * as numbers, timestamps as epoch seconds, tables as objects, arrays as arrays, byte arrays as
 * text when they are UTF-8 (else base64). From JSON: strings, booleans, whole numbers as longs,
 * other numbers as doubles, objects as tables, arrays as arrays. Pure.
 */
final class FieldTableJson {
    private FieldTableJson() {
    }

    /** A table as a JSON-ready map (null becomes an empty map). */
    static Map<String, Object> toJson(Map<String, Object> table) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (table != null) {
            table.forEach((key, value) -> json.put(key, valueToJson(value)));
        }
        return json;
    }

    static Object valueToJson(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value instanceof BigDecimal d ? d : value;
        } else if (value instanceof byte[] bytes) {
            return textOrBase64(bytes);
        } else if (value instanceof Instant instant) {
            return instant.getEpochSecond();
        } else if (value instanceof Date date) {
            return date.getTime() / 1000;
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> json = new LinkedHashMap<>();
            map.forEach((k, v) -> json.put(String.valueOf(k), valueToJson(v)));
            return json;
        } else if (value instanceof List<?> list) {
            List<Object> json = new ArrayList<>(list.size());
            list.forEach(v -> json.add(valueToJson(v)));
            return json;
        }
        return String.valueOf(value);
    }

    /** A JSON object as a field table; {@code what} names it in errors. */
    static Map<String, Object> fromJson(JsonNode object, String what) {
        if (!object.isObject()) {
            throw ApiError.badRequest("'" + what + "' must be a JSON object");
        }
        Map<String, Object> table = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            table.put(field.getKey(), valueFromJson(field.getValue(), what + "." + field.getKey()));
        }
        return table;
    }

    static Object valueFromJson(JsonNode node, String what) {
        if (node.isNull()) {
            return null;
        } else if (node.isTextual()) {
            return node.textValue();
        } else if (node.isBoolean()) {
            return node.booleanValue();
        } else if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw ApiError.badRequest("'" + what + "' is too large for a 64-bit integer");
            }
            return node.longValue();
        } else if (node.isNumber()) {
            return node.doubleValue();
        } else if (node.isObject()) {
            return fromJson(node, what);
        } else if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                list.add(valueFromJson(element, what + "[]"));
            }
            return list;
        }
        throw ApiError.badRequest("'" + what + "' has a value JSON cannot carry into AMQP");
    }

    /** Text when the bytes are valid UTF-8, else base64. */
    static String textOrBase64(byte[] bytes) {
        String text = utf8(bytes);
        return text != null ? text : Base64.getEncoder().encodeToString(bytes);
    }

    /** The bytes as UTF-8 text, or null when they are not valid UTF-8. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
