package dev.revenant.management;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API's routing table: path patterns such as {@code api/queues/{vhost}/{name}} with the
 * methods each answers. A path no pattern matches is 404; a known path with another method
 * is 405 naming the allowed ones.
 */
final class Routes {
    /** Answers one request whose path matched. */
    @FunctionalInterface
    interface Endpoint {
        ApiResponse handle(ApiRequest request) throws Exception;
    }

    private record Route(String method, List<String> pattern, Endpoint endpoint) { }

    private final List<Route> routes = new ArrayList<>();

    Routes add(String method, String pattern, Endpoint endpoint) {
        routes.add(new Route(method, List.of(pattern.split("/")), endpoint));
        return this;
    }

    ApiResponse dispatch(ApiRequest request) throws Exception {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> parameters = match(route.pattern(), request.segments());
            if (parameters == null) {
                continue;
            }
            if (route.method().equals(request.method())) {
                request.pathParameters(parameters);
                return route.endpoint().handle(request);
            }
            allowed.add(route.method());
        }
        if (allowed.isEmpty()) {
            throw ApiError.notFound("no such API endpoint: " + String.join("/", request.segments()));
        }
        throw new MethodNotAllowed(request.method(), allowed);
    }

    private static Map<String, String> match(List<String> pattern, List<String> segments) {
        if (pattern.size() != segments.size()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String part = pattern.get(i);
            if (part.startsWith("{") && part.endsWith("}")) {
                parameters.put(part.substring(1, part.length() - 1), segments.get(i));
            } else if (!part.equals(segments.get(i))) {
                return null;
            }
        }
        return parameters;
    }

    /** 405, with the methods the path does answer (for the {@code Allow} header). */
    static final class MethodNotAllowed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Set<String> allowed;

        MethodNotAllowed(String method, Set<String> allowed) {
            super(method + " is not allowed here; use " + String.join(", ", allowed), null, false, false);
            this.allowed = Set.copyOf(allowed);
        }

        String allowHeader() {
            return String.join(", ", new java.util.TreeSet<>(allowed));
        }
    }
}
