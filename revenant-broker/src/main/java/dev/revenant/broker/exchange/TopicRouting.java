package dev.revenant.broker.exchange;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Topic exchange: binding keys are dot-separated words where '*' is one word and '#' zero or more. */
final class TopicRouting implements ExchangeType {
    private volatile List<Binding> bindings = List.of();

    @Override
    public String typeName() {
        return "topic";
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
        String[] key = routingKey.split("\\.", -1);
        for (Binding b : bindings) {
            if (matches(b.routingKey().split("\\.", -1), 0, key, 0)) {
                out.accept(b.destination());
            }
        }
    }

    private static boolean matches(String[] pattern, int p, String[] key, int k) {
        if (p == pattern.length) {
            return k == key.length;
        }
        if (pattern[p].equals("#")) {
            for (int i = k; i <= key.length; i++) {
                if (matches(pattern, p + 1, key, i)) {
                    return true;
                }
            }
            return false;
        }
        if (k == key.length) {
            return false;
        }
        return (pattern[p].equals("*") || pattern[p].equals(key[k])) && matches(pattern, p + 1, key, k + 1);
    }
}
