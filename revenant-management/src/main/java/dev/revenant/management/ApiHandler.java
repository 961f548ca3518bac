package dev.revenant.management;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP handler: authenticates, dispatches through {@link Routes}, and turns every outcome
 * into a JSON answer. Refusals are 4xx with {@code {"error", "reason"}}; anything unexpected is a
 * 500 with the same shape and one log line, never a dropped connection.
 */
final class ApiHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    /** Beyond this, an unread body is not read to its end (the connection is closed instead). */
    private static final long MAX_DISCARDED_BYTES = 16L << 20;

    private final Routes routes;
    private final BasicAuthentication authentication;
    private final ObjectMapper json;

    ApiHandler(Routes routes, BasicAuthentication authentication, ObjectMapper json) {
        this.routes = routes;
        this.authentication = authentication;
        this.json = json;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            ApiResponse response;
            Map<String, String> headers = new LinkedHashMap<>();
            try {
                response = answer(exchange);
            } catch (ApiError e) {
                response = error(e.status(), e.error(), e.reason());
                if (e.status() == 401) {
                    headers.put("WWW-Authenticate", "Basic realm=\"Revenant Management\"");
                }
            } catch (Routes.MethodNotAllowed e) {
                response = error(405, "method_not_allowed", e.getMessage());
                headers.put("Allow", e.allowHeader());
            } catch (Exception | Error e) {
                LOG.error("management API: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                response = error(500, "internal_error", "the broker failed to answer: " + e);
            }
            write(exchange, response, headers);
        }
    }

    private ApiResponse answer(HttpExchange exchange) throws Exception {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authentication.authenticate(authorization, exchange.getRemoteAddress().getAddress()).isEmpty()) {
            throw new ApiError(401, "not_authorized", authorization == null ? "Authentication required" : "Login failed");
        }
        return routes.dispatch(new ApiRequest(exchange, json));
    }

    private static ApiResponse error(int status, String error, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("reason", reason);
        return new ApiResponse(status, body);
    }

    /**
     * Reads what the handler left of the request body (bounded): closing a socket with unread
     * input resets it, and the client would lose the answer (a 413 or 404 to a large body).
     */
    private static void discardUnreadBody(HttpExchange exchange) {
        byte[] buffer = new byte[8192];
        long discarded = 0;
        try (InputStream in = exchange.getRequestBody()) {
            int n;
            while (discarded < MAX_DISCARDED_BYTES && (n = in.read(buffer)) > 0) {
                discarded += n;
            }
        } catch (IOException e) {
            // the client went away or sent a broken body: the answer below may not reach it either
        }
    }

    private void write(HttpExchange exchange, ApiResponse response, Map<String, String> headers) throws IOException {
        discardUnreadBody(exchange);
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        if (response.body() == null) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] bytes = json.writeValueAsBytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
