package dev.revenant.management;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One API request: method, decoded path segments, query parameters and the body, read on first
 * use and refused with 413 beyond {@link #MAX_BODY_BYTES}. Used on one HTTP worker thread.
 */
final class ApiRequest {
    /** Largest request body accepted: 1 MiB. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private final HttpExchange exchange;
    private final ObjectMapper json;
    private final List<String> segments;
    private final Map<String, String> query;
    private Map<String, String> pathParameters = Map.of();
    private byte[] body;

    ApiRequest(HttpExchange exchange, ObjectMapper json) {
        this.exchange = exchange;
        this.json = json;
        this.segments = PathSegments.of(exchange.getRequestURI().getRawPath());
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    }

    String method() { return exchange.getRequestMethod(); }
    List<String> segments() { return segments; }

    /** A query parameter, or null. */
    String query(String name) {
        return query.get(name);
    }

    /** A named part of the path pattern that matched, e.g. {@code vhost}. */
    String path(String name) {
        return pathParameters.get(name);
    }

    void pathParameters(Map<String, String> parameters) {
        this.pathParameters = Map.copyOf(parameters);
    }

    /** The body as a JSON object; an empty body is an empty object. 400 for anything else. */
    JsonBody jsonObject() {
        byte[] bytes = body();
        if (bytes.length == 0) {
            return new JsonBody(json.createObjectNode());
        }
        JsonNode node;
        try {
            node = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || node.isMissingNode()) {
            return new JsonBody(json.createObjectNode());
        }
        if (!node.isObject()) {
            throw ApiError.badRequest("the body must be a JSON object, was " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return new JsonBody((ObjectNode) node);
    }

    /** The raw body, at most {@link #MAX_BODY_BYTES}; 413 beyond. */
    byte[] body() {
        if (body == null) {
            body = readBody();
        }
        return body;
    }

    private byte[] readBody() {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        long declaredLength = -1;
        if (declared != null) {
            try {
                declaredLength = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("malformed Content-Length '" + declared + "'");
            }
        }
        if (declaredLength > MAX_BODY_BYTES) {
            throw tooLarge(); // the handler reads the rest (bounded) before answering
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        // Not closed here: closing drains only 64 KiB, and a close with unread input resets the socket.
        InputStream in = exchange.getRequestBody();
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > MAX_BODY_BYTES) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw ApiError.badRequest("could not read the request body: " + e.getMessage());
        }
        return out.toByteArray();
    }

    private static ApiError tooLarge() {
        return new ApiError(413, "payload_too_large", "the request body exceeds " + MAX_BODY_BYTES + " bytes");
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            parameters.put(PathSegments.decode(name.replace('+', ' ')), PathSegments.decode(value.replace('+', ' ')));
        }
        return parameters;
    }
}
