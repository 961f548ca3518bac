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

    /** An endpoint and the named segments its pattern captured. */
    record Match(Endpoint endpoint, Map<String, String> parameters) { }

    ApiResponse dispatch(ApiRequest request) throws Exception {
        Match match = match(request.method(), request.segments());
        request.pathParameters(match.parameters());
        return match.endpoint().handle(request);
    }

    /** The endpoint for this method and path; {@link ApiError} 404 or {@link MethodNotAllowed}. */
    Match match(String method, List<String> segments) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> parameters = match(route.pattern(), segments);
            if (parameters == null) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Match(route.endpoint(), parameters);
            }
            allowed.add(route.method());
        }
        if (allowed.isEmpty()) {
            throw ApiError.notFound("no such API endpoint: " + String.join("/", segments));
        }
        throw new MethodNotAllowed(method, allowed);
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
