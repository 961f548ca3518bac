package dev.revenant.broker.exchange;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/** Headers exchange: a binding matches on the message's headers per its x-match argument. */
final class HeadersRouting implements ExchangeType {
    private volatile List<Binding> bindings = List.of();

    @Override
    public String typeName() {
        return "headers";
    }

    @Override
    public synchronized void add(Binding binding) {
        List<Binding> next = new java.util.ArrayList<>(bindings);
        next.add(binding);
        bindings = List.copyOf(next);
    }

    @Override
    public synchronized void remove(Binding binding) {
        List<Binding> next = new java.util.ArrayList<>(bindings);
        next.remove(binding);
        bindings = List.copyOf(next);
    }

    @Override
    public void route(String routingKey, Map<String, Object> headers, Consumer<Destination> out) {
        Map<String, Object> h = headers == null ? Map.of() : headers;
        for (Binding b : bindings) {
            if (matches(b.arguments(), h)) {
                out.accept(b.destination());
            }
        }
    }

    static boolean matches(Map<String, Object> args, Map<String, Object> headers) {
        Object mode = args.getOrDefault("x-match", "all");
        boolean any = "any".equals(mode) || "any-with-x".equals(mode);
        boolean withX = mode instanceof String s && s.endsWith("-with-x");
        for (Map.Entry<String, Object> e : args.entrySet()) {
            String key = e.getKey();
            if (key.equals("x-match") || (!withX && key.startsWith("x-"))) {
                continue;
            }
            boolean match = headers.containsKey(key)
                    && (e.getValue() == null || Objects.equals(e.getValue(), headers.get(key)));
            if (any && match) {
                return true;
            }
            if (!any && !match) {
                return false;
            }
        }
        return !any;
    }
}
